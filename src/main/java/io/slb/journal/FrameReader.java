package io.slb.journal;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * FrameReader reads one segment or snapshot file front to back and says, for each step, whether it
 * found a good frame, the clean end of the file, or the first bad byte and why. It never throws for
 * bad content, only for I/O errors and for a format version it does not know (a file written by a
 * newer slb, which must not be cut). Not thread safe; the file must not grow while it is read.
 */
final class FrameReader implements Closeable {
    /** Read is the outcome of one step. */
    sealed interface Read {}

    /** Frame is a payload whose length and CRC32C check out; {@code offset} is where its frame starts. */
    record Frame(long offset, byte[] payload) implements Read {}

    /** End is the clean end of the file, right after the last frame. */
    record End(long offset) implements Read {}

    /** Bad is the first byte at {@code offset} that does not belong to a good frame. */
    record Bad(long offset, String reason) implements Read {}

    private final Path file;
    private final int maxPayload;
    private final long size;
    private final DataInputStream in;
    private long offset;

    private FrameReader(Path file, int maxPayload, long size, DataInputStream in) {
        this.file = file;
        this.maxPayload = maxPayload;
        this.size = size;
        this.in = in;
    }

    /** Opens {@code file} for reading frames of at most {@code maxPayload} bytes. */
    static FrameReader open(Path file, int maxPayload) throws IOException {
        long size = Files.size(file);
        return new FrameReader(file, maxPayload, size,
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file))));
    }

    /** Returns the size the file had when it was opened. */
    long size() {
        return size;
    }

    /**
     * Checks the file header against {@code magic}: returns an {@link End} at the first frame if it is
     * good, or a {@link Bad} at offset 0.
     *
     * @throws UnsupportedFormatException if the header names another format version
     */
    Read header(int magic) throws IOException {
        if (size < RecordFormat.FILE_HEADER_BYTES) {
            return new Bad(0, "torn file header (" + size + " of " + RecordFormat.FILE_HEADER_BYTES + " bytes)");
        }
        int actualMagic = in.readInt();
        int version = in.readInt();
        offset = RecordFormat.FILE_HEADER_BYTES;
        if (actualMagic != magic) {
            return new Bad(0, "magic " + RecordFormat.describeMagic(actualMagic)
                    + " (expected: " + RecordFormat.describeMagic(magic) + ")");
        }
        if (version != RecordFormat.FORMAT_VERSION) {
            throw new UnsupportedFormatException(file + ": format version " + version
                    + " (expected: " + RecordFormat.FORMAT_VERSION + "); was it written by a newer slb?");
        }
        return new End(offset);
    }

    /** Reads the next frame; call only after a good {@link #header}. */
    Read next() throws IOException {
        long start = offset;
        long remaining = size - start;
        if (remaining == 0) {
            return new End(start);
        }
        if (remaining < RecordFormat.FRAME_HEADER_BYTES) {
            return new Bad(start, "torn record header (" + remaining + " of "
                    + RecordFormat.FRAME_HEADER_BYTES + " bytes)");
        }
        int length = in.readInt();
        int storedCrc = in.readInt();
        if (length == 0) {
            return new Bad(start, "record length 0 (zero-filled tail)");
        }
        if (length < 0 || length > maxPayload) {
            return new Bad(start, "record length " + Integer.toUnsignedString(length)
                    + " (expected: 1.." + maxPayload + ")");
        }
        long payloadRemaining = remaining - RecordFormat.FRAME_HEADER_BYTES;
        if (length > payloadRemaining) {
            return new Bad(start, "torn record (length " + length + ", " + payloadRemaining + " bytes left)");
        }
        byte[] payload = in.readNBytes(length);
        int actualCrc = RecordFormat.crc32c(payload);
        if (actualCrc != storedCrc) {
            return new Bad(start, String.format("CRC32C 0x%08x (expected: 0x%08x)", actualCrc, storedCrc));
        }
        offset = start + RecordFormat.FRAME_HEADER_BYTES + length;
        return new Frame(start, payload);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
