package io.slb.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.slb.core.Recorded;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A damaged last segment: recovery keeps every good record, cuts the rest and carries on. */
class TornTailTest {
    private static final String SEGMENT = "journal-00000000000000000001.log";
    private static final int COMMANDS = 30;

    @TempDir
    Path dir;

    /** Breaks the record at {@code offset} of {@code file}. */
    @FunctionalInterface
    interface Breakage {
        void apply(Path file, long offset) throws IOException;
    }

    /** Case breaks the record {@code fromEnd} records before the end; recovery must name {@code reason}. */
    record Case(int fromEnd, Breakage breakage, String reason) {}

    static Stream<Named<Case>> damages() {
        return Stream.of(
                Named.of("file cut inside the last record's header",
                        new Case(1, (f, at) -> Damage.truncate(f, at + 3), "torn record header (3 of 8 bytes)")),
                Named.of("file cut inside the last record's payload",
                        new Case(1, (f, at) -> Damage.truncate(f, at + RecordFormat.FRAME_HEADER_BYTES + 5),
                                "torn record (length")),
                Named.of("flipped byte in the last payload",
                        new Case(1, (f, at) -> Damage.flipByte(f, at + RecordFormat.FRAME_HEADER_BYTES + 2), "CRC32C")),
                Named.of("flipped byte in the last record's CRC",
                        new Case(1, (f, at) -> Damage.flipByte(f, at + 5), "CRC32C")),
                Named.of("garbage length",
                        new Case(1, (f, at) -> Damage.overwrite(f, at, ByteBuffer.allocate(4).putInt(0, Integer.MAX_VALUE)),
                                "record length 2147483647 (expected: 1..16777216)")),
                Named.of("length above 2^31",
                        new Case(1, (f, at) -> Damage.overwrite(f, at, ByteBuffer.allocate(4).putInt(0, 0xFFFFFFF0)),
                                "record length 4294967280 (expected: 1..16777216)")),
                Named.of("flipped byte in a record in the middle",
                        new Case(9, (f, at) -> Damage.flipByte(f, at + RecordFormat.FRAME_HEADER_BYTES + 10), "CRC32C")));
    }

    @ParameterizedTest
    @MethodSource("damages")
    void recoveryKeepsEveryGoodRecordAndCutsTheRest(Case damage) throws IOException {
        List<Recorded> written = writeJournal();
        Path file = dir.resolve(SEGMENT);
        List<Long> offsets = Damage.recordOffsets(file);
        int damaged = offsets.size() - damage.fromEnd();
        long cutAt = offsets.get(damaged);
        damage.breakage().apply(file, cutAt);
        long damagedSize = Files.size(file);

        try (Journal journal = Journal.open(dir, Workload.DECIDER, JournalOptions.DEFAULTS)) {
            List<Recorded> survivors = written.subList(0, damaged);
            assertThat(journal.position()).isEqualTo(damaged);
            assertThat(journal.recoveredState()).isEqualTo(Workload.fold(survivors));
            assertThat(journal.recoveredTail()).containsExactlyElementsOf(survivors);
            assertThat(Files.size(file)).isEqualTo(cutAt);
            assertThat(journal.recoveryWarnings()).singleElement().asString()
                    .startsWith("journal " + file + ": ")
                    .contains(damage.reason())
                    .contains("at offset " + cutAt + "; cut " + (damagedSize - cutAt) + " bytes; "
                            + "recovered through position " + damaged);
        }
        assertAppendsContinueAfter(damaged);
    }

    @Test
    void zeroFilledTailIsCutWithoutLosingARecord() throws IOException {
        List<Recorded> written = writeJournal();
        Path file = dir.resolve(SEGMENT);
        long goodSize = Files.size(file);
        // What a file system may show after a crash that extended the file but never wrote its data.
        Damage.appendZeros(file, 4096);

        try (Journal journal = Journal.open(dir, Workload.DECIDER, JournalOptions.DEFAULTS)) {
            assertThat(journal.position()).isEqualTo(written.size());
            assertThat(journal.recoveredState()).isEqualTo(Workload.fold(written));
            assertThat(Files.size(file)).isEqualTo(goodSize);
            assertThat(journal.recoveryWarnings()).singleElement().asString()
                    .contains("record length 0 (zero-filled tail) at offset " + goodSize + "; cut 4096 bytes");
        }
        assertAppendsContinueAfter(written.size());
    }

    @Test
    void recordThatDecodesToTheWrongPositionEndsTheJournal() throws IOException {
        List<Recorded> written = writeJournal();
        Path file = dir.resolve(SEGMENT);
        long goodSize = Files.size(file);
        Recorded replayed = new Recorded(written.size() + 2, written.get(0).event());
        Damage.appendFrame(file, new JournalCodec().encodeEvent(replayed));

        try (Journal journal = Journal.open(dir, Workload.DECIDER, JournalOptions.DEFAULTS)) {
            assertThat(journal.position()).isEqualTo(written.size());
            assertThat(Files.size(file)).isEqualTo(goodSize);
            assertThat(journal.recoveryWarnings()).singleElement().asString()
                    .contains("position " + (written.size() + 2) + " (expected: " + (written.size() + 1) + ")");
        }
    }

    @Test
    void recordWithAGoodCrcButAnUnknownTypeEndsTheJournal() throws IOException {
        List<Recorded> written = writeJournal();
        Path file = dir.resolve(SEGMENT);
        long goodSize = Files.size(file);
        Damage.appendFrame(file, ("{\"position\":" + (written.size() + 1)
                + ",\"event\":{\"type\":\"Teleported\"}}").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        try (Journal journal = Journal.open(dir, Workload.DECIDER, JournalOptions.DEFAULTS)) {
            assertThat(journal.position()).isEqualTo(written.size());
            assertThat(Files.size(file)).isEqualTo(goodSize);
            assertThat(journal.recoveryWarnings()).singleElement().asString()
                    .contains("undecodable Recorded JSON").contains("Teleported").contains("at offset " + goodSize);
        }
        assertAppendsContinueAfter(written.size());
    }

    private List<Recorded> writeJournal() throws IOException {
        try (Journal journal = Journal.open(dir, Workload.DECIDER, JournalOptions.DEFAULTS)) {
            return new Workload().run(journal, COMMANDS);
        }
    }

    /** After a repair, the next append gets position {@code recovered + 1} and a later start is clean. */
    private void assertAppendsContinueAfter(long recovered) throws IOException {
        Workload workload;
        try (Journal journal = Journal.open(dir, Workload.DECIDER, JournalOptions.DEFAULTS)) {
            assertThat(journal.recoveryWarnings()).isEmpty();
            assertThat(journal.position()).isEqualTo(recovered);
            workload = new Workload(journal.recoveredState());
            List<Recorded> next = workload.run(journal, 2);
            assertThat(next.get(0).position()).isEqualTo(recovered + 1);
        }
        try (Journal journal = Journal.open(dir, Workload.DECIDER, JournalOptions.DEFAULTS)) {
            assertThat(journal.recoveryWarnings()).isEmpty();
            assertThat(journal.recoveredState()).isEqualTo(workload.state());
        }
    }
}
