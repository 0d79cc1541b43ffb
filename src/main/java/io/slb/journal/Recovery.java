package io.slb.journal;

import io.slb.core.Decider;
import io.slb.core.Recorded;
import io.slb.core.SlbState;
import io.slb.journal.FrameReader.Bad;
import io.slb.journal.FrameReader.End;
import io.slb.journal.FrameReader.Frame;
import io.slb.journal.FrameReader.Read;
import io.slb.journal.JournalFiles.NumberedFile;
import io.slb.journal.Snapshots.Good;
import io.slb.journal.Snapshots.Loaded;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Recovery rebuilds the state from a journal directory: the newest snapshot that reads back, then
 * every record after it. It repairs instead of refusing: the first bad record of a segment is cut
 * off (and later segments set aside as {@code *.corrupt}), a corrupt snapshot is set aside and the
 * previous one used. Each repair is logged at WARN and listed in {@link Recovered#warnings()}.
 * One use per instance; not thread safe.
 */
final class Recovery {
    private static final Logger LOG = LogManager.getLogger();

    private final JournalFiles files;
    private final Snapshots snapshots;
    private final JournalCodec codec;
    private final Decider decider;
    private final int historyLimit;
    private final List<String> warnings = new ArrayList<>();
    private final ArrayDeque<Recorded> tail = new ArrayDeque<>();
    private SlbState state = SlbState.EMPTY;

    Recovery(JournalFiles files, JournalCodec codec, Decider decider, int historyLimit) {
        this.files = files;
        this.snapshots = new Snapshots(files, codec);
        this.codec = codec;
        this.decider = decider;
        this.historyLimit = historyLimit;
    }

    /** Recovered is the outcome: state, replayed tail, the segment to append to, and what was repaired. */
    record Recovered(SlbState state, List<Recorded> tail, long snapshotPosition, Segment active, List<String> warnings) {}

    /** Where a scanned segment ends: the offset after its last good record and the position that follows. */
    private record Scan(long goodEnd, long nextPosition, @Nullable String problem, long size) {}

    Recovered run() throws IOException {
        for (String leftover : files.deleteTemporaries()) {
            LOG.info("journal {}: deleted {}, left by an interrupted snapshot", files.dir(), leftover);
        }
        state = newestGoodSnapshot();
        long snapshotPosition = state.position();
        List<NumberedFile> segments = files.segments();
        NumberedFile last = null;
        Scan lastScan = null;
        for (int i = startIndex(segments, snapshotPosition); i < segments.size(); i++) {
            NumberedFile segment = segments.get(i);
            if (segment.position() > state.position() + 1) {
                report(Level.ERROR, "journal " + segment.path() + ": starts at position " + segment.position()
                        + " but no snapshot or segment holds positions " + (state.position() + 1) + ".."
                        + (segment.position() - 1) + "; they are lost");
            }
            last = segment;
            lastScan = scan(segment);
            if (lastScan.problem() != null) {
                cut(segment, lastScan, segments.subList(i + 1, segments.size()));
                break;
            }
        }
        long position = state.position();
        Segment active = last != null && lastScan.nextPosition() == position + 1
                ? Segment.reopen(last.path(), last.position(), lastScan.goodEnd())
                : Segment.create(files, position + 1);
        LOG.info("journal {}: recovered through position {} (snapshot at {}, {} events replayed after it)",
                files.dir(), position, snapshotPosition, position - snapshotPosition);
        return new Recovered(state, List.copyOf(tail), snapshotPosition, active, List.copyOf(warnings));
    }

    private SlbState newestGoodSnapshot() throws IOException {
        List<NumberedFile> all = files.snapshots();
        for (int i = all.size() - 1; i >= 0; i--) {
            NumberedFile snapshot = all.get(i);
            Loaded loaded = snapshots.read(snapshot.path(), snapshot.position());
            if (loaded instanceof Good good) {
                return good.state();
            }
            files.setAside(List.of(snapshot));
            report(Level.WARN, "snapshot " + snapshot.path() + ": " + ((Snapshots.Corrupt) loaded).reason()
                    + "; set aside as " + snapshot.name() + JournalFiles.CORRUPT_SUFFIX + "; "
                    + (i > 0 ? "falling back to " + all.get(i - 1).name() : "replaying from the oldest segment"));
        }
        return SlbState.EMPTY;
    }

    /** Returns the index of the newest segment that holds position {@code snapshotPosition + 1}, else 0. */
    private static int startIndex(List<NumberedFile> segments, long snapshotPosition) {
        int start = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).position() <= snapshotPosition + 1) {
                start = i;
            }
        }
        return start;
    }

    private Scan scan(NumberedFile segment) throws IOException {
        long expected = segment.position();
        try (FrameReader reader = FrameReader.open(segment.path(), RecordFormat.MAX_EVENT_PAYLOAD_BYTES)) {
            if (reader.header(RecordFormat.SEGMENT_MAGIC) instanceof Bad bad) {
                return new Scan(bad.offset(), expected, bad.reason(), reader.size());
            }
            while (true) {
                Read read = reader.next();
                if (read instanceof End end) {
                    return new Scan(end.offset(), expected, null, reader.size());
                }
                if (read instanceof Bad bad) {
                    return new Scan(bad.offset(), expected, bad.reason(), reader.size());
                }
                Frame frame = (Frame) read;
                Recorded recorded;
                try {
                    recorded = codec.decodeEvent(frame.payload());
                } catch (CorruptRecordException e) {
                    return new Scan(frame.offset(), expected, e.getMessage(), reader.size());
                }
                if (recorded.position() != expected) {
                    return new Scan(frame.offset(), expected,
                            "position " + recorded.position() + " (expected: " + expected + ")", reader.size());
                }
                fold(recorded);
                expected++;
            }
        }
    }

    private void fold(Recorded recorded) {
        if (recorded.position() <= state.position()) {
            // Already in the snapshot.
            return;
        }
        state = decider.evolve(state, recorded.event(), recorded.position());
        tail.addLast(recorded);
        while (tail.size() > historyLimit) {
            tail.removeFirst();
        }
    }

    private void cut(NumberedFile segment, Scan scan, List<NumberedFile> later) throws IOException {
        try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.WRITE)) {
            channel.truncate(scan.goodEnd());
            channel.force(true);
        }
        files.setAside(later);
        StringBuilder message = new StringBuilder("journal ").append(segment.path()).append(": ")
                .append(scan.problem()).append(" at offset ").append(scan.goodEnd())
                .append("; cut ").append(scan.size() - scan.goodEnd()).append(" bytes; recovered through position ")
                .append(state.position());
        if (!later.isEmpty()) {
            message.append("; set aside ").append(later.size()).append(" later segment(s) as *")
                    .append(JournalFiles.CORRUPT_SUFFIX).append(": ")
                    .append(String.join(", ", later.stream().map(NumberedFile::name).toList()));
        }
        report(Level.WARN, message.toString());
    }

    private void report(Level level, String message) {
        LOG.log(level, message);
        warnings.add(message);
    }
}
