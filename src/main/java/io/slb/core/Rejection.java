package io.slb.core;

import org.jspecify.annotations.Nullable;

/**
 * Rejection says why a command was refused: a {@link Kind} the API maps to a status code, the
 * request field at fault (if one is) and a message for people.
 */
public record Rejection(Kind kind, @Nullable String field, String detail) {
    /** Kind classifies a rejection. */
    public enum Kind {
        /** The load balancer or backend does not exist. */
        NOT_FOUND,
        /** The request conflicts with the state: duplicate backend, address taken. */
        CONFLICT,
        /** The request names something that cannot be used: address outside every pool. */
        INVALID,
        /** No address is left in the pools. */
        EXHAUSTED
    }
}
