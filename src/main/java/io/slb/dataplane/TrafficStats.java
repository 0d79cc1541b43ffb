package io.slb.dataplane;

import java.util.Map;
import java.util.UUID;

/**
 * TrafficStats is a point-in-time copy of a load balancer's counters, in total and per backend
 * (keyed by backend uuid).
 */
public record TrafficStats(Counters total, Map<UUID, Counters> backends) {
    public TrafficStats {
        backends = Map.copyOf(backends);
    }

    /** Counters of connections (TCP) or sessions (UDP) and bytes, as seen by the data plane. */
    public record Counters(long activeConnections, long totalConnections, long bytesIn, long bytesOut) {
        public static final Counters ZERO = new Counters(0, 0, 0, 0);
    }
}
