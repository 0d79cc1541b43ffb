package io.slb.provider.metal;

import java.time.Duration;

/**
 * Fault is what the fake Metal API does to one request instead of (or after) answering it
 * normally. {@code ERROR_AFTER}, {@code SLOW} and {@code HOLD} apply the request first, like a
 * server whose answer is lost or late.
 */
record Fault(Kind kind, Duration delay) {
    static final Fault NONE = new Fault(Kind.NONE, Duration.ZERO);
    static final Fault RATE_LIMITED = new Fault(Kind.RATE_LIMITED, Duration.ZERO);
    static final Fault ERROR_BEFORE = new Fault(Kind.ERROR_BEFORE, Duration.ZERO);
    static final Fault ERROR_AFTER = new Fault(Kind.ERROR_AFTER, Duration.ZERO);
    static final Fault HOLD = new Fault(Kind.HOLD, Duration.ZERO);

    /** Kind is the fault's behaviour. */
    enum Kind { NONE, RATE_LIMITED, ERROR_BEFORE, ERROR_AFTER, SLOW, HOLD }

    /** Returns a fault that answers normally after {@code delay}. */
    static Fault slow(Duration delay) {
        return new Fault(Kind.SLOW, delay);
    }

    /** Schedule picks the fault for each request; tests set one on the fake. Must be thread safe. */
    @FunctionalInterface
    interface Schedule {
        Fault next(String method, String path);

        Schedule NONE = (method, path) -> Fault.NONE;
    }
}
