package io.slb.netlink.uapi;

/**
 * IfLinkH holds the link attribute constants of {@code include/uapi/linux/if_link.h}, spelled as the
 * kernel spells them.
 */
public final class IfLinkH {
    public static final int IFLA_UNSPEC = 0;
    /** binary hardware address */
    public static final int IFLA_ADDRESS = 1;
    /** binary hardware broadcast address */
    public static final int IFLA_BROADCAST = 2;
    /** NUL-terminated string */
    public static final int IFLA_IFNAME = 3;
    /** u32 */
    public static final int IFLA_MTU = 4;
    /** u32 */
    public static final int IFLA_LINK = 5;
    /** string */
    public static final int IFLA_QDISC = 6;
    public static final int IFLA_STATS = 7;
    public static final int IFLA_COST = 8;
    public static final int IFLA_PRIORITY = 9;
    /** u32 */
    public static final int IFLA_MASTER = 10;
    public static final int IFLA_WIRELESS = 11;
    public static final int IFLA_PROTINFO = 12;
    /** u32 */
    public static final int IFLA_TXQLEN = 13;
    public static final int IFLA_MAP = 14;
    public static final int IFLA_WEIGHT = 15;
    /** u8, IF_OPER_* */
    public static final int IFLA_OPERSTATE = 16;
    /** u8 */
    public static final int IFLA_LINKMODE = 17;
    /** nested IFLA_INFO_* */
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_NET_NS_PID = 19;
    /** string */
    public static final int IFLA_IFALIAS = 20;

    /** IFLA_LINKINFO nested attribute: string, the link kind ("dummy", "veth"). */
    public static final int IFLA_INFO_KIND = 1;
    /** IFLA_LINKINFO nested attribute: kind-specific data. */
    public static final int IFLA_INFO_DATA = 2;

    private IfLinkH() {}
}
