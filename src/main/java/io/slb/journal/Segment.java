package io.slb.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Segment is the journal file being appended to. A write either lands whole or is rolled back (the
 * file truncated to where it began), so a failed write never leaves half a batch for later records
 * to follow. Not thread safe.
 */
final class Segment implements Closeable {
    private final Path path;
    private final long firstPosition;
    private final FileChannel channel;
    private long end;

    private Segment(Path path, long firstPosition, FileChannel channel, long end) {
        this.path = path;
        this.firstPosition = firstPosition;
        this.channel = channel;
        this.end = end;
    }

    /** Creates a new segment whose first record will be {@code firstPosition}, header durable; no file is left on failure. */
    static Segment create(JournalFiles files, long firstPosition) throws IOException {
        Path path = files.segmentPath(firstPosition);
        FileChannel channel = FileChannel.open(path,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
        try {
            Segment segment = new Segment(path, firstPosition, channel, 0);
            segment.write(RecordFormat.fileHeader(RecordFormat.SEGMENT_MAGIC));
            channel.force(true);
            files.syncDirectory();
            return segment;
        } catch (IOException e) {
            // NB: a headerless file left behind would shadow the records appended to the previous segment.
            channel.close();
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /**
     * Opens an existing segment that recovery found good up to {@code end}, to append after it. A
     * segment cut to nothing (its header was torn) gets a fresh header.
     */
    static Segment reopen(Path path, long firstPosition, long end) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.READ);
        try {
            if (end < RecordFormat.FILE_HEADER_BYTES) {
                channel.truncate(0);
                Segment segment = new Segment(path, firstPosition, channel, 0);
                segment.write(RecordFormat.fileHeader(RecordFormat.SEGMENT_MAGIC));
                channel.force(true);
                return segment;
            }
            return new Segment(path, firstPosition, channel, end);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    long firstPosition() {
        return firstPosition;
    }

    /**
     * Writes all of {@code bytes} at the end of the file; on failure truncates the file back to where
     * it was and rethrows (with any failure of the rollback added as suppressed).
     */
    void write(ByteBuffer bytes) throws IOException {
        long start = end;
        try {
            long at = start;
            while (bytes.hasRemaining()) {
                at += channel.write(bytes, at);
            }
            end = at;
        } catch (IOException e) {
            try {
                channel.truncate(start);
            } catch (IOException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    /** Forces everything written so far to disk, the file's size included (hence {@code force(true)}). */
    void force() throws IOException {
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
