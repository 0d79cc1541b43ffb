package io.slb.control;

/**
 * OverloadedException says the command queue is full; the caller should retry later (HTTP 503 with
 * Retry-After). Nothing was recorded.
 */
public final class OverloadedException extends RuntimeException {
    public OverloadedException(String message) {
        super(message);
    }
}
