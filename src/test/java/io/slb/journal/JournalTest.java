package io.slb.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slb.core.Event;
import io.slb.core.Recorded;
import io.slb.core.SlbState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    private static final JournalOptions OPTIONS = JournalOptions.DEFAULTS;

    @TempDir
    Path dir;

    @Test
    void newJournalIsEmptyAndCreatesItsDirectory() throws IOException {
        Path nested = dir.resolve("data/journal");
        try (Journal journal = Journal.open(nested, Workload.DECIDER, OPTIONS)) {
            assertThat(journal.position()).isZero();
            assertThat(journal.recoveredState()).isEqualTo(SlbState.EMPTY);
            assertThat(journal.recoveredTail()).isEmpty();
            assertThat(journal.recoveryWarnings()).isEmpty();
        }
        assertThat(nested.resolve("journal-00000000000000000001.log")).isRegularFile();
    }

    @Test
    void reopenRecoversIdenticalStateAndPositions() throws IOException {
        Workload workload = new Workload();
        List<Recorded> written;
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            written = workload.run(journal, 60);
            assertThat(journal.position()).isEqualTo(written.size());
        }
        assertThat(written).extracting(Recorded::position)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, written.size()).boxed().toList());

        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            assertThat(journal.recoveredState()).isEqualTo(workload.state());
            assertThat(journal.recoveredState().position()).isEqualTo(written.size());
            assertThat(journal.position()).isEqualTo(written.size());
            assertThat(journal.recoveredTail()).containsExactlyElementsOf(written);
            assertThat(journal.recoveryWarnings()).isEmpty();
        }
    }

    @Test
    void appendContinuesAfterReopenWithTheNextPosition() throws IOException {
        Workload workload = new Workload();
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            workload.run(journal, 10);
        }
        long before;
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            before = journal.position();
            List<Recorded> more = new Workload(journal.recoveredState()).run(journal, 1);
            assertThat(more.get(0).position()).isEqualTo(before + 1);
        }
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            assertThat(journal.position()).isGreaterThan(before);
        }
    }

    @Test
    void oneAppendRecordsAGroupOfEventsWithConsecutivePositions() throws IOException {
        Workload workload = new Workload();
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            workload.run(journal, 5);
            long before = journal.position();
            List<Event> group = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                // Several commands decided in turn, their events committed together as the processor does.
                group.addAll(workload.decide());
            }
            List<Recorded> recorded = journal.append(group);
            journal.sync();

            assertThat(recorded).extracting(Recorded::event).containsExactlyElementsOf(group);
            assertThat(recorded).extracting(Recorded::position).containsExactlyElementsOf(
                    LongStream.rangeClosed(before + 1, before + group.size()).boxed().toList());
            assertThat(journal.position()).isEqualTo(before + group.size());
        }
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            assertThat(journal.recoveredState()).isEqualTo(workload.state());
        }
    }

    @Test
    void emptyAppendWritesNothing() throws IOException {
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            long size = Files.size(dir.resolve("journal-00000000000000000001.log"));
            assertThat(journal.append(List.of())).isEmpty();
            journal.sync();
            assertThat(journal.position()).isZero();
            assertThat(Files.size(dir.resolve("journal-00000000000000000001.log"))).isEqualTo(size);
        }
    }

    @Test
    void recoveredTailKeepsOnlyTheLastHistoryLimitEvents() throws IOException {
        Workload workload = new Workload();
        List<Recorded> written;
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            written = workload.run(journal, 40);
        }
        try (Journal journal = Journal.open(dir, Workload.DECIDER, new JournalOptions(10_000, 7))) {
            assertThat(journal.recoveredTail()).containsExactlyElementsOf(written.subList(written.size() - 7, written.size()));
            assertThat(journal.recoveredState()).isEqualTo(workload.state());
        }
        try (Journal journal = Journal.open(dir, Workload.DECIDER, new JournalOptions(10_000, 0))) {
            assertThat(journal.recoveredTail()).isEmpty();
        }
    }

    @Test
    void closeSyncsWhatWasAppended() throws IOException {
        Workload workload = new Workload();
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            workload.step(journal);
        }
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            assertThat(journal.recoveredState()).isEqualTo(workload.state());
        }
    }

    @Test
    void aClosedJournalRefusesAppends() throws IOException {
        Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS);
        journal.close();
        journal.close();
        assertThatThrownBy(() -> journal.append(new Workload().decide()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void aJournalCannotBeOpenedTwice() throws IOException {
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            assertThatThrownBy(() -> Journal.open(dir, Workload.DECIDER, OPTIONS))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("already open");
            assertThat(journal.position()).isZero();
        }
    }

    @Test
    void snapshotRefusesAStateFromAnotherPosition() throws IOException {
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            Workload workload = new Workload();
            SlbState before = workload.state();
            workload.run(journal, 3);
            assertThatThrownBy(() -> journal.snapshot(before))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("state.position: 0 (expected: the journal's position " + journal.position() + ")");
        }
    }

    @Test
    void optionsRejectNonsense() {
        assertThatThrownBy(() -> new JournalOptions(0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("snapshotEvery: 0 (expected: >= 1)");
        assertThatThrownBy(() -> new JournalOptions(1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("historyLimit: -1 (expected: >= 0)");
    }
}
