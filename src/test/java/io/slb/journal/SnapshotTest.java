package io.slb.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.slb.core.Recorded;
import io.slb.core.SlbState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
    private static final JournalOptions OPTIONS = JournalOptions.DEFAULTS;

    @TempDir
    Path dir;

    private final Workload workload = new Workload();

    @Test
    void restartAfterASnapshotReplaysOnlyTheEventsAfterIt() throws IOException {
        List<Recorded> after;
        long snapshotAt;
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            workload.run(journal, 25);
            snapshotAt = journal.position();
            journal.snapshot(workload.state());
            after = workload.run(journal, 10);
        }
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            assertThat(journal.recoveredState()).isEqualTo(workload.state());
            assertThat(journal.position()).isEqualTo(snapshotAt + after.size());
            assertThat(journal.recoveredTail()).containsExactlyElementsOf(after);
            assertThat(journal.recoveryWarnings()).isEmpty();
        }
        assertThat(names()).contains(snapshot(snapshotAt), segment(snapshotAt + 1));
    }

    @Test
    void aNewSnapshotDeletesWhatThePreviousOneCovers() throws IOException {
        long first;
        long second;
        long third;
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            first = runAndSnapshot(journal, 10);
            assertThat(names()).containsExactly("journal-00000000000000000001.log", segment(first + 1),
                    "journal.lock", snapshot(first));
            second = runAndSnapshot(journal, 10);
            assertThat(names()).containsExactly(segment(first + 1), segment(second + 1), "journal.lock",
                    snapshot(first), snapshot(second));
            third = runAndSnapshot(journal, 10);
            workload.run(journal, 3);
        }
        assertThat(names()).containsExactly(segment(second + 1), segment(third + 1), "journal.lock",
                snapshot(second), snapshot(third));
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            assertThat(journal.recoveredState()).isEqualTo(workload.state());
        }
    }

    @Test
    void corruptNewestSnapshotFallsBackToThePreviousOne() throws IOException {
        long first;
        long second;
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            first = runAndSnapshot(journal, 10);
            second = runAndSnapshot(journal, 10);
            workload.run(journal, 5);
        }
        Path newest = dir.resolve(snapshot(second));
        Damage.flipByte(newest, Files.size(newest) - 3);

        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            assertThat(journal.recoveredState()).isEqualTo(workload.state());
            assertThat(journal.recoveredTail()).extracting(Recorded::position).first().isEqualTo(first + 1);
            assertThat(journal.recoveryWarnings()).singleElement().asString()
                    .startsWith("snapshot " + newest + ": CRC32C")
                    .endsWith("falling back to " + snapshot(first));
        }
        assertThat(names()).contains(snapshot(second) + ".corrupt").doesNotContain(snapshot(second));
    }

    @Test
    void corruptOnlySnapshotFallsBackToReplayingEverySegment() throws IOException {
        long first;
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            first = runAndSnapshot(journal, 10);
            workload.run(journal, 5);
        }
        Damage.truncate(dir.resolve(snapshot(first)), 20);

        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            assertThat(journal.recoveredState()).isEqualTo(workload.state());
            assertThat(journal.recoveredTail()).extracting(Recorded::position).first().isEqualTo(1L);
            assertThat(journal.recoveryWarnings()).singleElement().asString()
                    .contains("torn record").endsWith("replaying from the oldest segment");
        }
    }

    @Test
    void positionsAreNeverReusedAcrossSnapshotsAndRestarts() throws IOException {
        long snapshotAt;
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            runAndSnapshot(journal, 10);
            snapshotAt = runAndSnapshot(journal, 10);
            // A second snapshot at the same position keeps the (empty) segment it started.
            journal.snapshot(workload.state());
        }
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            assertThat(journal.position()).isEqualTo(snapshotAt);
            assertThat(journal.recoveredTail()).isEmpty();
            Workload resumed = new Workload(journal.recoveredState());
            assertThat(resumed.step(journal)).extracting(Recorded::position).first().isEqualTo(snapshotAt + 1);
            resumed.run(journal, 3);
            long second = journal.position();
            journal.snapshot(resumed.state());
            assertThat(resumed.run(journal, 1)).extracting(Recorded::position).first().isEqualTo(second + 1);
            SlbState expected = resumed.state();
            try (Journal reopened = reopenAfterClosing(journal)) {
                assertThat(reopened.recoveredState()).isEqualTo(expected);
                assertThat(reopened.recoveredTail()).extracting(Recorded::position).first().isEqualTo(second + 1);
            }
        }
    }

    private Journal reopenAfterClosing(Journal journal) throws IOException {
        journal.close();
        return Journal.open(dir, Workload.DECIDER, OPTIONS);
    }

    @Test
    void snapshotIsDueAfterSnapshotEveryEventsAndCountsAcrossRestarts() throws IOException {
        JournalOptions everyTen = new JournalOptions(10, 100);
        try (Journal journal = Journal.open(dir, Workload.DECIDER, everyTen)) {
            while (journal.position() < 9) {
                assertThat(journal.snapshotDue()).isFalse();
                workload.step(journal);
            }
            while (journal.position() < 10) {
                workload.step(journal);
            }
            assertThat(journal.snapshotDue()).isTrue();
            journal.snapshot(workload.state());
            assertThat(journal.snapshotDue()).isFalse();
            while (journal.position() < 25) {
                workload.step(journal);
            }
        }
        try (Journal journal = Journal.open(dir, Workload.DECIDER, everyTen)) {
            assertThat(journal.snapshotDue()).isTrue();
        }
    }

    @Test
    void leftoverOfAnInterruptedSnapshotIsDeleted() throws IOException {
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            workload.run(journal, 5);
        }
        Path leftover = dir.resolve(snapshot(3) + JournalFiles.TEMPORARY_SUFFIX);
        Files.write(leftover, new byte[] {1, 2, 3});

        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            assertThat(journal.recoveredState()).isEqualTo(workload.state());
        }
        assertThat(leftover).doesNotExist();
    }

    private long runAndSnapshot(Journal journal, int commands) throws IOException {
        workload.run(journal, commands);
        SlbState state = workload.state();
        journal.snapshot(state);
        return state.position();
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static String segment(long first) {
        return String.format("journal-%020d.log", first);
    }

    static String snapshot(long position) {
        return String.format("snapshot-%020d.json", position);
    }
}
