package io.slb.netlink.rtnl;

import io.slb.netlink.uapi.IfH;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Link is a network interface as RTM_GETLINK reports it: index, name, hardware address (empty when the
 * link has none) and the IFF_* flags. Immutable; the MAC is copied in and out.
 */
public record Link(int index, String name, byte[] mac, int flags) {
    public Link {
        mac = mac.clone();
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    /** Returns whether IFF_UP is set (administratively up). */
    public boolean up() {
        return (flags & IfH.IFF_UP) != 0;
    }

    /** Returns the MAC as {@code ip link} prints it ({@code 02:00:5e:10:00:01}), or "" when there is none. */
    public String macText() {
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Link l && l.index == index && l.name.equals(name) && Arrays.equals(l.mac, mac) && l.flags == flags;
    }

    @Override
    public int hashCode() {
        return (index * 31 + name.hashCode()) * 31 + Arrays.hashCode(mac) + flags;
    }

    @Override
    public String toString() {
        return "Link[" + index + ": " + name + " " + macText() + " flags=0x" + Integer.toHexString(flags) + "]";
    }
}
