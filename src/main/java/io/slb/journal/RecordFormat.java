package io.slb.journal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * RecordFormat is the byte layout shared by segments and snapshots: an 8-byte file header
 * ({@code u32 magic, u32 format version}) followed by frames {@code [u32 payload length][u32 CRC32C
 * of payload][payload]}, all integers big-endian. Pure functions; thread safe.
 */
final class RecordFormat {
    /** Bytes of the file header: magic and format version. */
    static final int FILE_HEADER_BYTES = 8;
    /** Bytes in front of every payload: its length and its CRC32C. */
    static final int FRAME_HEADER_BYTES = 8;
    /** The only format version this code reads and writes. */
    static final int FORMAT_VERSION = 1;
    /** ASCII "SLBJ": a journal segment. */
    static final int SEGMENT_MAGIC = 0x534C424A;
    /** ASCII "SLBS": a snapshot. */
    static final int SNAPSHOT_MAGIC = 0x534C4253;
    /**
     * The largest event payload: far above any real event (a few hundred bytes), low enough that a
     * garbage length is recognised as corruption instead of an attempt to allocate gigabytes.
     */
    static final int MAX_EVENT_PAYLOAD_BYTES = 16 * 1024 * 1024;
    /**
     * The largest snapshot payload. 10,000 load balancers with 100 backends each encode to about
     * 150 MB, so 1 GiB leaves room while still fitting one Java array.
     */
    static final int MAX_SNAPSHOT_PAYLOAD_BYTES = 1024 * 1024 * 1024;

    private RecordFormat() {}

    /** Returns a file header for {@code magic}, ready to be written. */
    static ByteBuffer fileHeader(int magic) {
        return ByteBuffer.allocate(FILE_HEADER_BYTES).putInt(magic).putInt(FORMAT_VERSION).flip();
    }

    /** Returns the bytes one frame of {@code payload} takes. */
    static int frameBytes(byte[] payload) {
        return FRAME_HEADER_BYTES + payload.length;
    }

    /** Puts one frame holding {@code payload} into {@code out}. */
    static void putFrame(ByteBuffer out, byte[] payload) {
        out.putInt(payload.length).putInt(crc32c(payload)).put(payload);
    }

    /** Returns the CRC32C of {@code payload} as the int stored in a frame. */
    static int crc32c(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue();
    }

    /** Returns the name of a magic number for messages: the four ASCII letters, or hex. */
    static String describeMagic(int magic) {
        if (magic == SEGMENT_MAGIC) {
            return "SLBJ";
        }
        if (magic == SNAPSHOT_MAGIC) {
            return "SLBS";
        }
        return String.format("0x%08x", magic);
    }
}
