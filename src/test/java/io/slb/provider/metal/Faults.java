package io.slb.provider.metal;

import java.util.concurrent.atomic.AtomicInteger;

/** Faults builds the fault schedules the Metal tests use. */
final class Faults {
    private Faults() {}

    /** The first {@code times} requests whose method is {@code method} (any if null) get {@code fault}. */
    static Fault.Schedule first(int times, Fault fault, String method) {
        AtomicInteger left = new AtomicInteger(times);
        return (m, path) -> (method == null || method.equals(m)) && left.getAndDecrement() > 0 ? fault : Fault.NONE;
    }

    /** Every {@code method} request to a path ending in {@code suffix} gets {@code fault}. */
    static Fault.Schedule always(String method, String suffix, Fault fault) {
        return (m, path) -> m.equals(method) && path.endsWith(suffix) ? fault : Fault.NONE;
    }
}
