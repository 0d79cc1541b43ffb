package io.slb.journal;

import java.io.IOException;

/**
 * UnsupportedFormatException says a journal file has a format version this slb cannot read. Unlike
 * corruption it is not repaired by cutting: the file is intact and was most likely written by a
 * newer slb, so {@link Journal#open} refuses to start rather than destroy it.
 */
public final class UnsupportedFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    UnsupportedFormatException(String message) {
        super(message);
    }
}
