package io.slb.dataplane.proxy;

import io.slb.dataplane.TrafficStats;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * TrafficCounters counts one backend's (or one load balancer's) connections and bytes. Every update
 * is also applied to the {@code parent}, so a load balancer's total is the sum of its backends'
 * without a second pass. Thread safe and lock free: event loops update it, {@link #snapshot()} reads it.
 * "In" is client to backend, "out" is backend to client.
 */
final class TrafficCounters {
    private final @Nullable TrafficCounters parent;
    private final LongAdder active = new LongAdder();
    private final LongAdder total = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();

    TrafficCounters(@Nullable TrafficCounters parent) {
        this.parent = parent;
    }

    void opened() {
        active.increment();
        total.increment();
        if (parent != null) {
            parent.opened();
        }
    }

    void closed() {
        active.decrement();
        if (parent != null) {
            parent.closed();
        }
    }

    void received(long bytes) {
        bytesIn.add(bytes);
        if (parent != null) {
            parent.received(bytes);
        }
    }

    void sent(long bytes) {
        bytesOut.add(bytes);
        if (parent != null) {
            parent.sent(bytes);
        }
    }

    long active() {
        return active.sum();
    }

    TrafficStats.Counters snapshot() {
        return new TrafficStats.Counters(active.sum(), total.sum(), bytesIn.sum(), bytesOut.sum());
    }
}
