package io.slb.netlink.uapi;

/**
 * InH holds the socket option levels and IP-level options of {@code include/uapi/linux/in.h} that the
 * proxy data plane sets on its own sockets, spelled as the kernel spells them.
 */
public final class InH {
    /** {@code IPPROTO_IP}: the level of the IP options below ({@code SOL_IP}). */
    public static final int IPPROTO_IP = 0;
    /** {@code IP_FREEBIND}: bind to an address that is not (yet) on any interface. */
    public static final int IP_FREEBIND = 15;

    private InH() {}
}
