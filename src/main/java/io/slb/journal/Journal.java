package io.slb.journal;

import io.slb.core.Decider;
import io.slb.core.Event;
import io.slb.core.Recorded;
import io.slb.core.SlbState;
import io.slb.journal.JournalFiles.NumberedFile;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Journal is the durable source of truth for slb's state: an append-only log of events plus
 * snapshots, in one directory. Events get positions 1, 2, 3, ... that are never reused.
 *
 * <p>Files (all integers big-endian):
 * <ul>
 *   <li>{@code journal-<20-digit first position>.log}: a segment. An 8-byte header ({@code u32 magic
 *       "SLBJ", u32 format version 1}), then one record per event: {@code [u32 payload length][u32
 *       CRC32C of payload][payload]}, the payload being UTF-8 JSON of the event with its position and
 *       a {@code type} discriminator ({@link JournalCodec}). Lengths above 16 MiB are corruption.
 *   <li>{@code snapshot-<20-digit position>.json}: a snapshot. Header {@code "SLBS", 1}, then one
 *       record whose payload is the JSON of every load balancer (in order) and the position.
 *   <li>{@code journal.lock}: held (an OS file lock) while the journal is open, so that two processes
 *       never write one journal.
 *   <li>{@code *.corrupt}: files set aside by recovery, kept for forensics and never read again.
 * </ul>
 *
 * <p>Durability: {@link #append} writes a batch with one write and no fsync; {@link #sync} forces
 * it (group commit: append every event of a command, or of several, then sync once, then reply).
 * {@link #snapshot} writes a snapshot atomically (temporary file, fsync, rename, fsync of the
 * directory), starts a new segment, and then deletes what the previous snapshot covers: one older
 * snapshot and the segments after it are kept, so a corrupt newest snapshot still has a fallback.
 *
 * <p>Recovery ({@link #open}): the newest snapshot that reads back (a corrupt one is renamed to
 * {@code *.corrupt} with a WARN and the previous one used), then every record after it, checking
 * length, CRC32C, JSON and position. The first bad record (torn, zero-filled, wrong CRC, garbage
 * length, undecodable, out of sequence) ends the journal: its segment is truncated there and any
 * later segments are renamed to {@code *.corrupt}, with a WARN naming the file, the offset, the
 * bytes cut and the position recovered through. A damaged journal never stops slb from starting;
 * only an I/O error, a journal locked by another process or a format version from a newer slb do.
 *
 * <p>Not thread safe: the command processor is its only caller. After a failed fsync (or a failed
 * write that could not be rolled back) every further {@link #append}, {@link #sync} and
 * {@link #snapshot} throws, since the kernel may have dropped the data; restart to recover from disk.
 */
public final class Journal implements Closeable {
    private static final Logger LOG = LogManager.getLogger();
    private static final String LOCK_FILE = "journal.lock";

    private final JournalFiles files;
    private final JournalCodec codec;
    private final Snapshots snapshots;
    private final JournalOptions options;
    private final FileChannel lockChannel;
    private final SlbState recoveredState;
    private final List<Recorded> recoveredTail;
    private final List<String> recoveryWarnings;
    private Segment active;
    private long position;
    private long snapshotPosition;
    private boolean unsynced;
    private boolean closed;
    private @Nullable IOException failure;

    private Journal(JournalFiles files, JournalCodec codec, JournalOptions options, FileChannel lockChannel,
            Recovery.Recovered recovered) {
        this.files = files;
        this.codec = codec;
        this.snapshots = new Snapshots(files, codec);
        this.options = options;
        this.lockChannel = lockChannel;
        this.recoveredState = recovered.state();
        this.recoveredTail = recovered.tail();
        this.recoveryWarnings = recovered.warnings();
        this.active = recovered.active();
        this.position = recovered.state().position();
        this.snapshotPosition = recovered.snapshotPosition();
    }

    /**
     * Opens or creates the journal in {@code dir} (creating the directory) and recovers its state:
     * the newest valid snapshot plus a replay of the records after it, folded with
     * {@link Decider#evolve}. Repairs a damaged journal instead of failing (see the class comment).
     *
     * @throws UnsupportedFormatException if a file was written in a format version this slb cannot read
     * @throws IOException on an I/O error, or if another process holds the journal open
     */
    public static Journal open(Path dir, Decider decider, JournalOptions options) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(decider, "decider");
        Objects.requireNonNull(options, "options");
        Files.createDirectories(dir);
        FileChannel lockChannel = lock(dir);
        try {
            JournalCodec codec = new JournalCodec();
            JournalFiles files = new JournalFiles(dir);
            Recovery.Recovered recovered = new Recovery(files, codec, decider, options.historyLimit()).run();
            return new Journal(files, codec, options, lockChannel, recovered);
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
    }

    private static FileChannel lock(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException("journal " + dir + ": already open in this process", e);
        }
        if (lock == null) {
            channel.close();
            throw new IOException("journal " + dir + ": locked by another process (is another slb running?)");
        }
        return channel;
    }

    /** Returns the state recovered by {@link #open}; it does not change as events are appended. */
    public SlbState recoveredState() {
        return recoveredState;
    }

    /** Returns the last (at most {@code historyLimit}) events replayed after the snapshot, oldest first. */
    public List<Recorded> recoveredTail() {
        return recoveredTail;
    }

    /** Returns what recovery repaired (the WARN lines it logged), empty for a clean start. */
    public List<String> recoveryWarnings() {
        return recoveryWarnings;
    }

    /** Returns the position of the last appended event, or 0 if there has been none. */
    public long position() {
        return position;
    }

    /**
     * Assigns positions {@code position()+1..} to {@code events} and writes them with one write, without
     * forcing them to disk ({@link #sync} does). An empty list writes nothing.
     *
     * @throws IllegalArgumentException if an event encodes to more than 16 MiB (nothing is written)
     * @throws IOException if the write fails; nothing of the batch stays in the file and no position is used
     */
    public List<Recorded> append(List<Event> events) throws IOException {
        ensureWritable();
        List<Recorded> recorded = new ArrayList<>(events.size());
        List<byte[]> payloads = new ArrayList<>(events.size());
        int bytes = 0;
        long next = position;
        for (Event event : events) {
            Recorded r = new Recorded(++next, Objects.requireNonNull(event, "event"));
            byte[] payload = codec.encodeEvent(r);
            if (payload.length > RecordFormat.MAX_EVENT_PAYLOAD_BYTES) {
                throw new IllegalArgumentException("event at position " + r.position() + ": " + payload.length
                        + " bytes (expected: <= " + RecordFormat.MAX_EVENT_PAYLOAD_BYTES + ")");
            }
            recorded.add(r);
            payloads.add(payload);
            bytes = Math.addExact(bytes, RecordFormat.frameBytes(payload));
        }
        if (recorded.isEmpty()) {
            return List.of();
        }
        ByteBuffer batch = ByteBuffer.allocate(bytes);
        payloads.forEach(p -> RecordFormat.putFrame(batch, p));
        batch.flip();
        try {
            active.write(batch);
        } catch (IOException e) {
            if (e.getSuppressed().length > 0) {
                failure = e;
            }
            throw new IOException("journal " + active.path() + ": append of positions " + (position + 1) + ".."
                    + next + " failed", e);
        }
        position = next;
        unsynced = true;
        return List.copyOf(recorded);
    }

    /**
     * Forces every appended event to disk; returns at once if nothing was appended since the last sync.
     *
     * @throws IOException if the fsync fails; the journal is then unusable (see the class comment)
     */
    public void sync() throws IOException {
        ensureWritable();
        if (!unsynced) {
            return;
        }
        try {
            active.force();
        } catch (IOException e) {
            failure = e;
            throw new IOException("journal " + active.path() + ": fsync through position " + position + " failed", e);
        }
        unsynced = false;
    }

    /** Returns true if at least {@code snapshotEvery} events were appended since the last snapshot. */
    public boolean snapshotDue() {
        return position - snapshotPosition >= options.snapshotEvery();
    }

    /**
     * Syncs, writes a durable snapshot of {@code state}, starts a new segment at {@code position()+1},
     * then deletes the snapshots and segments that the previous snapshot covers.
     *
     * @throws IllegalArgumentException if {@code state.position() != position()}
     * @throws IOException if the sync or the snapshot fails; appends may continue after a failed snapshot write
     */
    public void snapshot(SlbState state) throws IOException {
        if (state.position() != position) {
            throw new IllegalArgumentException("state.position: " + state.position()
                    + " (expected: the journal's position " + position + ")");
        }
        sync();
        Path written = snapshots.write(state);
        if (active.firstPosition() != position + 1) {
            Segment next = Segment.create(files, position + 1);
            active.close();
            active = next;
        }
        snapshotPosition = position;
        LOG.info("journal {}: snapshot {} written; appending to {}", files.dir(), written.getFileName(),
                active.path().getFileName());
        try {
            deleteCoveredByPrevious(position);
        } catch (IOException e) {
            // Only disk space is at stake: the next snapshot deletes these files again.
            LOG.warn("journal {}: cannot delete files covered by older snapshots", files.dir(), e);
        }
    }

    private void deleteCoveredByPrevious(long newest) throws IOException {
        List<NumberedFile> all = files.snapshots();
        NumberedFile previous = null;
        for (NumberedFile s : all) {
            if (s.position() < newest) {
                previous = s;
            }
        }
        if (previous == null) {
            return;
        }
        long kept = previous.position();
        files.delete(all.stream().filter(s -> s.position() < kept).toList());
        List<NumberedFile> segments = files.segments();
        List<NumberedFile> covered = new ArrayList<>();
        for (int i = 0; i + 1 < segments.size(); i++) {
            if (segments.get(i + 1).position() <= kept + 1) {
                covered.add(segments.get(i));
            }
        }
        files.delete(covered);
    }

    private void ensureWritable() throws IOException {
        if (closed) {
            throw new IllegalStateException("journal " + files.dir() + " is closed");
        }
        if (failure != null) {
            throw new IOException("journal " + files.dir() + ": unusable after an earlier write or fsync failure"
                    + " (restart slb to recover from disk)", failure);
        }
    }

    /** Syncs what was appended (unless the journal failed), then closes the files. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (failure == null) {
                sync();
            }
        } finally {
            closed = true;
            try {
                active.close();
            } finally {
                lockChannel.close();
            }
        }
    }
}
