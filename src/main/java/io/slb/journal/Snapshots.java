package io.slb.journal;

import io.slb.core.SlbState;
import io.slb.journal.FrameReader.Bad;
import io.slb.journal.FrameReader.End;
import io.slb.journal.FrameReader.Frame;
import io.slb.journal.FrameReader.Read;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Snapshots writes and reads snapshot files: a file header and exactly one frame whose payload is
 * the {@link JournalCodec} snapshot JSON. A snapshot is written to a temporary file, forced, renamed
 * into place and the directory forced, so a crash leaves either the old set of snapshots or the new
 * one. Not thread safe.
 */
final class Snapshots {
    private final JournalFiles files;
    private final JournalCodec codec;

    Snapshots(JournalFiles files, JournalCodec codec) {
        this.files = files;
        this.codec = codec;
    }

    /** Outcome of reading a snapshot: the state, or why the file is unusable. */
    sealed interface Loaded {}

    record Good(SlbState state) implements Loaded {}

    record Corrupt(String reason) implements Loaded {}

    /**
     * Writes a durable snapshot of {@code state} and returns its path.
     *
     * @throws IOException if the snapshot cannot be written or is too large to be read back
     */
    Path write(SlbState state) throws IOException {
        byte[] payload = codec.encodeSnapshot(state);
        if (payload.length > RecordFormat.MAX_SNAPSHOT_PAYLOAD_BYTES) {
            throw new IOException("snapshot at position " + state.position() + ": " + payload.length
                    + " bytes (expected: <= " + RecordFormat.MAX_SNAPSHOT_PAYLOAD_BYTES + ")");
        }
        Path target = files.snapshotPath(state.position());
        Path temporary = target.resolveSibling(target.getFileName() + JournalFiles.TEMPORARY_SUFFIX);
        ByteBuffer bytes = ByteBuffer.allocate(RecordFormat.FILE_HEADER_BYTES + RecordFormat.frameBytes(payload));
        bytes.put(RecordFormat.fileHeader(RecordFormat.SNAPSHOT_MAGIC));
        RecordFormat.putFrame(bytes, payload);
        bytes.flip();
        try (FileChannel out = FileChannel.open(temporary,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        files.syncDirectory();
        return target;
    }

    /**
     * Reads the snapshot at {@code file}, expected to hold {@code position}.
     *
     * @throws UnsupportedFormatException if it was written in another format version
     */
    Loaded read(Path file, long position) throws IOException {
        try (FrameReader reader = FrameReader.open(file, RecordFormat.MAX_SNAPSHOT_PAYLOAD_BYTES)) {
            Read header = reader.header(RecordFormat.SNAPSHOT_MAGIC);
            if (header instanceof Bad bad) {
                return new Corrupt(bad.reason());
            }
            Read body = reader.next();
            if (body instanceof Bad bad) {
                return new Corrupt(bad.reason() + " at offset " + bad.offset());
            }
            if (!(body instanceof Frame frame)) {
                return new Corrupt("no snapshot record");
            }
            Read rest = reader.next();
            if (!(rest instanceof End)) {
                return new Corrupt("trailing bytes after the snapshot record");
            }
            SlbState state;
            try {
                state = codec.decodeSnapshot(frame.payload());
            } catch (CorruptRecordException e) {
                return new Corrupt(e.getMessage());
            }
            if (state.position() != position) {
                return new Corrupt("position " + state.position() + " (expected: " + position + ", from the name)");
            }
            return new Good(state);
        }
    }
}
