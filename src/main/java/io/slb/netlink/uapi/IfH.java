package io.slb.netlink.uapi;

/**
 * IfH holds the interface flags of {@code include/uapi/linux/if.h} ({@code enum net_device_flags}),
 * spelled as the kernel spells them; they are {@code ifinfomsg.ifi_flags}.
 */
public final class IfH {
    /** Longest interface name including its NUL. */
    public static final int IFNAMSIZ = 16;

    public static final int IFF_UP = 0x1;
    public static final int IFF_BROADCAST = 0x2;
    public static final int IFF_DEBUG = 0x4;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_POINTOPOINT = 0x10;
    public static final int IFF_NOTRAILERS = 0x20;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_NOARP = 0x80;
    public static final int IFF_PROMISC = 0x100;
    public static final int IFF_ALLMULTI = 0x200;
    public static final int IFF_MASTER = 0x400;
    public static final int IFF_SLAVE = 0x800;
    public static final int IFF_MULTICAST = 0x1000;
    public static final int IFF_LOWER_UP = 0x10000;
    public static final int IFF_DORMANT = 0x20000;
    public static final int IFF_ECHO = 0x40000;

    private IfH() {}
}
