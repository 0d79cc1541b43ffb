package io.slb.journal;

import java.io.IOException;

/**
 * CorruptRecordException says a payload passed its CRC32C but is not a valid event or snapshot
 * (undecodable JSON, unknown type, missing field). Recovery treats it like any other corruption:
 * the file is cut in front of the record.
 */
final class CorruptRecordException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
