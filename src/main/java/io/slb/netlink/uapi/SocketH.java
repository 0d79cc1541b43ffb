package io.slb.netlink.uapi;

/**
 * SocketH holds the address families of {@code include/linux/socket.h} that netlink messages carry
 * ({@code ifa_family}, {@code ifi_family}), spelled as the kernel spells them.
 */
public final class SocketH {
    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;

    private SocketH() {}
}
