package io.slb.dataplane.ipvs;

import java.net.InetAddress;

/**
 * VirtualServiceKey identifies an IPVS service: by protocol, address and port ({@link Tuple}) or by
 * firewall mark ({@link FwMark}). Only these fields are needed to find, edit or delete a service.
 */
public sealed interface VirtualServiceKey {
    /** Returns the service's address family. */
    AddressFamily family();

    /** Tuple is a service reached at {@code address:port} over {@code protocol}. */
    record Tuple(AddressFamily family, IpProtocol protocol, InetAddress address, int port) implements VirtualServiceKey {
        public Tuple {
            if (AddressFamily.of(address) != family) {
                throw new IllegalArgumentException("address: " + address.getHostAddress() + " (expected: " + family + ")");
            }
            if (port < 0 || port > Ports.MAX) {
                throw new IllegalArgumentException("port: " + port + " (expected: 0.." + Ports.MAX + ")");
            }
        }

        /** Returns the key of {@code protocol} at {@code address:port}, its family taken from the address. */
        public static Tuple of(IpProtocol protocol, InetAddress address, int port) {
            return new Tuple(AddressFamily.of(address), protocol, address, port);
        }

        @Override
        public String toString() {
            return protocol + " " + Ports.endpoint(address, port);
        }
    }

    /** FwMark is a service for packets carrying firewall mark {@code mark} (non-zero). */
    record FwMark(AddressFamily family, int mark) implements VirtualServiceKey {
        public FwMark {
            if (mark == 0) {
                throw new IllegalArgumentException("mark: 0 (expected: non-zero)");
            }
        }

        @Override
        public String toString() {
            return "FWM " + Integer.toUnsignedString(mark) + " " + family;
        }
    }
}
