package io.slb.netlink.uapi;

/**
 * RtnetlinkH holds the constants of {@code include/uapi/linux/rtnetlink.h}, spelled as the kernel
 * spells them. {@code struct ifinfomsg} is {@code u8 ifi_family, u8 pad, u16 ifi_type, int ifi_index,
 * u32 ifi_flags, u32 ifi_change} (16 bytes); {@code struct rtgenmsg} is {@code u8 rtgen_family}.
 */
public final class RtnetlinkH {
    public static final int RTM_BASE = 16;
    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_SETLINK = 19;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;
    public static final int RTM_NEWNEIGH = 28;
    public static final int RTM_DELNEIGH = 29;
    public static final int RTM_GETNEIGH = 30;

    /** enum rt_scope_t: everywhere. */
    public static final int RT_SCOPE_UNIVERSE = 0;
    /** enum rt_scope_t: interior route. */
    public static final int RT_SCOPE_SITE = 200;
    /** enum rt_scope_t: on this link. */
    public static final int RT_SCOPE_LINK = 253;
    /** enum rt_scope_t: on this host. */
    public static final int RT_SCOPE_HOST = 254;
    /** enum rt_scope_t: nowhere. */
    public static final int RT_SCOPE_NOWHERE = 255;

    /** {@code sizeof(struct ifinfomsg)}. */
    public static final int IFINFOMSG_SIZE = 16;

    /** Legacy multicast group bit: link changes. */
    public static final int RTMGRP_LINK = 1;
    /** Legacy multicast group bit: IPv4 address changes. */
    public static final int RTMGRP_IPV4_IFADDR = 0x10;
    /** Legacy multicast group bit: IPv6 address changes. */
    public static final int RTMGRP_IPV6_IFADDR = 0x100;

    private RtnetlinkH() {}
}
