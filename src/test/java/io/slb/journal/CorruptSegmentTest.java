package io.slb.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slb.core.Recorded;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage beyond a torn tail: a bad record in an older segment, a bad file header, a missing segment. */
class CorruptSegmentTest {
    private static final JournalOptions OPTIONS = JournalOptions.DEFAULTS;

    @TempDir
    Path dir;

    private final Workload workload = new Workload();

    @Test
    void badRecordInAnOlderSegmentCutsThereAndSetsLaterSegmentsAside() throws IOException {
        List<Recorded> firstSegment;
        long snapshotAt;
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            firstSegment = workload.run(journal, 20);
            snapshotAt = journal.position();
            journal.snapshot(workload.state());
            workload.run(journal, 10);
        }
        // Without the snapshot, recovery must read the first segment, and it is damaged in the middle.
        Files.delete(dir.resolve(SnapshotTest.snapshot(snapshotAt)));
        Path older = dir.resolve(SnapshotTest.segment(1));
        Path later = dir.resolve(SnapshotTest.segment(snapshotAt + 1));
        long cutAt = Damage.recordOffsets(older).get(6);
        Damage.flipByte(older, cutAt + RecordFormat.FRAME_HEADER_BYTES + 4);

        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            assertThat(journal.position()).isEqualTo(6);
            assertThat(journal.recoveredState()).isEqualTo(Workload.fold(firstSegment.subList(0, 6)));
            assertThat(journal.recoveryWarnings()).singleElement().asString()
                    .startsWith("journal " + older + ": CRC32C")
                    .contains("at offset " + cutAt + "; cut ")
                    .contains("recovered through position 6")
                    .endsWith("set aside 1 later segment(s) as *.corrupt: " + later.getFileName());
            assertThat(Files.size(older)).isEqualTo(cutAt);
            Workload resumed = new Workload(journal.recoveredState());
            assertThat(resumed.run(journal, 1)).extracting(Recorded::position).first().isEqualTo(7L);
        }
        assertThat(later).doesNotExist();
        assertThat(later.resolveSibling(later.getFileName() + ".corrupt")).isRegularFile();
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            assertThat(journal.recoveryWarnings()).isEmpty();
            assertThat(journal.position()).isGreaterThanOrEqualTo(7);
        }
    }

    @Test
    void tornSegmentHeaderIsCutAndTheSegmentRewritten() throws IOException {
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            workload.run(journal, 3);
        }
        Path segment = dir.resolve(SnapshotTest.segment(1));
        long size = Files.size(segment);
        Damage.truncate(segment, 5);

        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            assertThat(journal.position()).isZero();
            assertThat(journal.recoveryWarnings()).singleElement().asString()
                    .isEqualTo("journal " + segment + ": torn file header (5 of 8 bytes) at offset 0; cut 5 bytes;"
                            + " recovered through position 0");
            assertThat(new Workload().run(journal, 1)).extracting(Recorded::position).first().isEqualTo(1L);
        }
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            assertThat(journal.recoveryWarnings()).isEmpty();
            assertThat(journal.position()).isPositive();
        }
        assertThat(size).isGreaterThan(RecordFormat.FILE_HEADER_BYTES);
    }

    @Test
    void wrongMagicIsCorruption() throws IOException {
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            workload.run(journal, 3);
        }
        Path segment = dir.resolve(SnapshotTest.segment(1));
        Damage.overwrite(segment, 0, ByteBuffer.wrap(new byte[] {'J', 'U', 'N', 'K'}));

        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            assertThat(journal.position()).isZero();
            assertThat(journal.recoveryWarnings()).singleElement().asString()
                    .contains("magic 0x4a554e4b (expected: SLBJ) at offset 0");
        }
    }

    @Test
    void segmentFromANewerFormatVersionRefusesToStartAndIsLeftAlone() throws IOException {
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            workload.run(journal, 3);
        }
        Path segment = dir.resolve(SnapshotTest.segment(1));
        Damage.overwrite(segment, 4, ByteBuffer.allocate(4).putInt(0, RecordFormat.FORMAT_VERSION + 1));
        byte[] before = Files.readAllBytes(segment);

        assertThatThrownBy(() -> Journal.open(dir, Workload.DECIDER, OPTIONS))
                .isInstanceOf(UnsupportedFormatException.class)
                .hasMessage(segment + ": format version 2 (expected: 1); was it written by a newer slb?");
        assertThat(Files.readAllBytes(segment)).isEqualTo(before);
    }

    @Test
    void missingSegmentIsReportedAndPositionsStillMoveForward() throws IOException {
        long first;
        long second;
        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            workload.run(journal, 10);
            first = journal.position();
            journal.snapshot(workload.state());
            workload.run(journal, 10);
            second = journal.position();
            journal.snapshot(workload.state());
            workload.run(journal, 10);
        }
        long last = workload.state().position();
        Files.delete(dir.resolve(SnapshotTest.snapshot(second)));
        Files.delete(dir.resolve(SnapshotTest.segment(first + 1)));

        try (Journal journal = Journal.open(dir, Workload.DECIDER, OPTIONS)) {
            assertThat(journal.position()).isEqualTo(last);
            assertThat(journal.recoveryWarnings()).singleElement().asString()
                    .contains("no snapshot or segment holds positions " + (first + 1) + ".." + second);
            assertThat(new Workload(journal.recoveredState()).run(journal, 1))
                    .extracting(Recorded::position).first().isEqualTo(last + 1);
        }
    }
}
