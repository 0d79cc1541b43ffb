package io.slb.dataplane.ipvs;

import io.slb.core.ForwardMethod;
import java.net.InetAddress;
import java.util.Locale;

/**
 * Destination is a real server of an IPVS service: its address and port, how packets reach it, its
 * weight and connection thresholds (0 = none). {@link #endpoint()} is its identity within a service.
 * Immutable.
 */
public record Destination(InetAddress address, int port, ForwardMethod forwardMethod, int weight,
        int upperThreshold, int lowerThreshold, AddressFamily family) {
    public Destination {
        if (AddressFamily.of(address) != family) {
            throw new IllegalArgumentException("address: " + address.getHostAddress() + " (expected: " + family + ")");
        }
        if (port < 0 || port > Ports.MAX) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0.." + Ports.MAX + ")");
        }
        if (weight < 0) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: >= 0)");
        }
    }

    /** Returns a destination without thresholds, its family taken from the address. */
    public static Destination of(InetAddress address, int port, ForwardMethod forwardMethod, int weight) {
        return new Destination(address, port, forwardMethod, weight, 0, 0, AddressFamily.of(address));
    }

    /** Returns the identity of this destination within its service: address and port. */
    public Endpoint endpoint() {
        return new Endpoint(address, port);
    }

    /** Endpoint is a destination's address and port. */
    public record Endpoint(InetAddress address, int port) {
        @Override
        public String toString() {
            return Ports.endpoint(address, port);
        }
    }

    @Override
    public String toString() {
        return Ports.endpoint(address, port) + " " + forwardMethod.name().toLowerCase(Locale.ROOT)
                + " weight " + weight + (upperThreshold == 0 && lowerThreshold == 0 ? ""
                : " thresholds " + lowerThreshold + ".." + upperThreshold);
    }
}
