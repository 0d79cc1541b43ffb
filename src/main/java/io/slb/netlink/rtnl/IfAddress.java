package io.slb.netlink.rtnl;

import io.slb.netlink.uapi.IfAddrH;
import io.slb.netlink.uapi.RtnetlinkH;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * IfAddress is an IPv4 or IPv6 address on an interface: the interface index, the address, its prefix
 * length, its scope (RT_SCOPE_*) and its IFA_F_* flags. Immutable; throws IllegalArgumentException for
 * a prefix longer than the address or a scope or flags that do not fit the kernel's fields.
 */
public record IfAddress(int ifindex, InetAddress address, int prefix, int scope, int flags) {
    private static final int IPV4_BITS = 32;
    private static final int IPV6_BITS = 128;
    private static final int U8_MAX = 0xFF;

    public IfAddress {
        Objects.requireNonNull(address, "address");
        if (ifindex <= 0) {
            throw new IllegalArgumentException("ifindex: " + ifindex + " (expected: > 0)");
        }
        int bits = address instanceof Inet4Address ? IPV4_BITS : IPV6_BITS;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix: " + prefix + " (expected: 0.." + bits + ")");
        }
        if (scope < 0 || scope > U8_MAX) {
            throw new IllegalArgumentException("scope: " + scope + " (expected: 0..255)");
        }
    }

    /**
     * Returns a service address (VIP) as slb adds it: universe scope, and for IPv6 IFA_F_NODAD so it is
     * usable at once instead of tentative while duplicate address detection runs.
     */
    public static IfAddress vip(int ifindex, InetAddress address, int prefix) {
        int flags = address instanceof Inet6Address ? IfAddrH.IFA_F_NODAD : 0;
        return new IfAddress(ifindex, address, prefix, RtnetlinkH.RT_SCOPE_UNIVERSE, flags);
    }

    /** Returns whether this is an IPv6 address. */
    public boolean ipv6() {
        return address instanceof Inet6Address;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefix + " on ifindex " + ifindex + " scope " + scope
                + " flags 0x" + Integer.toHexString(flags);
    }
}
