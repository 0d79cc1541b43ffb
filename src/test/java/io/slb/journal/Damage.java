package io.slb.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Damage breaks journal files the way crashes and bad disks do: a cut at some byte, a flipped bit,
 * overwritten bytes, a zero-filled tail. It also finds where records start, by walking the length
 * prefixes exactly as the format defines them.
 */
final class Damage {
    private Damage() {}

    /** Returns the offset of every record in the segment {@code file}, in order. */
    static List<Long> recordOffsets(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        List<Long> offsets = new ArrayList<>();
        int at = RecordFormat.FILE_HEADER_BYTES;
        while (at < bytes.limit()) {
            offsets.add((long) at);
            at += RecordFormat.FRAME_HEADER_BYTES + bytes.getInt(at);
        }
        return offsets;
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    static void flipByte(Path file, long offset) throws IOException {
        byte[] one = new byte[1];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.read(ByteBuffer.wrap(one), offset);
            one[0] ^= (byte) 0xFF;
            channel.write(ByteBuffer.wrap(one), offset);
        }
    }

    static void overwrite(Path file, long offset, ByteBuffer bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(bytes, offset);
        }
    }

    static void appendZeros(Path file, int count) throws IOException {
        Files.write(file, new byte[count], StandardOpenOption.APPEND);
    }

    /** Appends a frame with a correct length and CRC32C around {@code payload}. */
    static void appendFrame(Path file, byte[] payload) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(RecordFormat.frameBytes(payload));
        RecordFormat.putFrame(frame, payload);
        Files.write(file, frame.array(), StandardOpenOption.APPEND);
    }
}
