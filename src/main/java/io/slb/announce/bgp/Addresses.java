package io.slb.announce.bgp;

import io.slb.ipam.IpAddresses;
import java.net.InetAddress;

/** Addresses parses IP literals for BGP flags, never asking DNS. */
final class Addresses {
    private Addresses() {}

    /**
     * Returns the address written as {@code text}, which must be an IPv4 or IPv6 literal.
     *
     * @throws IllegalArgumentException naming {@code field} if it is not a literal
     */
    static InetAddress literal(String field, String text) {
        try {
            return IpAddresses.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' (expected: an IPv4 or IPv6 address)", e);
        }
    }
}
