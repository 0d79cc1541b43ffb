package io.slb.api.sse;

import io.slb.core.Event;
import io.slb.core.Protocol;
import io.slb.core.Recorded;
import io.slb.core.Status;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

/** TestEvents builds recorded events with distinct load balancer ids, without a journal. */
final class TestEvents {
    private TestEvents() {}

    /** Returns a StatusChanged event at {@code position}. */
    static Recorded change(long position) {
        return new Recorded(position, new Event.StatusChanged(new UUID(0, position), Status.ACTIVE, Instant.EPOCH));
    }

    /** Returns StatusChanged events at positions {@code from..to}, both included. */
    static List<Recorded> changes(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(TestEvents::change).toList();
    }

    /** Returns a LoadBalancerCreated event at {@code position} whose name has {@code nameLength} characters. */
    static Recorded large(long position, int nameLength) {
        return new Recorded(position, new Event.LoadBalancerCreated(
                new UUID(0, position), "x".repeat(nameLength), 80, Protocol.TCP, "rr", Instant.EPOCH));
    }
}
