package io.slb.netlink.uapi;

/**
 * NetlinkH holds the constants of {@code include/uapi/linux/netlink.h}, spelled as the kernel spells
 * them so that grep finds both. Struct sizes are the x86_64 layouts: {@code struct nlmsghdr} is
 * {@code u32 len, u16 type, u16 flags, u32 seq, u32 pid}; {@code struct nlattr} is {@code u16 len,
 * u16 type}; {@code struct nlmsgerr} is {@code int error} followed by the offending {@code nlmsghdr}.
 */
public final class NetlinkH {
    /** Routing and device hooks (rtnetlink). */
    public static final int NETLINK_ROUTE = 0;
    /** Generic netlink. */
    public static final int NETLINK_GENERIC = 16;

    /** It is a request message. */
    public static final int NLM_F_REQUEST = 0x01;
    /** Multipart message, terminated by NLMSG_DONE. */
    public static final int NLM_F_MULTI = 0x02;
    /** Reply with an ack, with zero or an error code. */
    public static final int NLM_F_ACK = 0x04;
    /** Receive the resulting notifications. */
    public static final int NLM_F_ECHO = 0x08;
    /** The dump was inconsistent because of a sequence change. */
    public static final int NLM_F_DUMP_INTR = 0x10;
    /** The dump was filtered as requested. */
    public static final int NLM_F_DUMP_FILTERED = 0x20;

    /** GET request modifier: specify the tree root. */
    public static final int NLM_F_ROOT = 0x100;
    /** GET request modifier: return all matching. */
    public static final int NLM_F_MATCH = 0x200;
    /** GET request modifier: atomic GET. */
    public static final int NLM_F_ATOMIC = 0x400;
    /** GET request modifier: {@code NLM_F_ROOT | NLM_F_MATCH}. */
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;

    /** NEW request modifier: override existing. */
    public static final int NLM_F_REPLACE = 0x100;
    /** NEW request modifier: do not touch, if it exists. */
    public static final int NLM_F_EXCL = 0x200;
    /** NEW request modifier: create, if it does not exist. */
    public static final int NLM_F_CREATE = 0x400;
    /** NEW request modifier: add to end of list. */
    public static final int NLM_F_APPEND = 0x800;

    /** ACK flag: request was capped (the error carries only the offending header). */
    public static final int NLM_F_CAPPED = 0x100;
    /** ACK flag: extended ACK TLVs were included. */
    public static final int NLM_F_ACK_TLVS = 0x200;

    /** Alignment of messages: {@code NLMSG_ALIGNTO}. */
    public static final int NLMSG_ALIGNTO = 4;
    /** Size of {@code struct nlmsghdr}: {@code NLMSG_HDRLEN}. */
    public static final int NLMSG_HDRLEN = 16;

    /** Nothing. */
    public static final int NLMSG_NOOP = 0x1;
    /** Error (or, with error 0, an ACK). */
    public static final int NLMSG_ERROR = 0x2;
    /** End of a dump. */
    public static final int NLMSG_DONE = 0x3;
    /** Data lost. */
    public static final int NLMSG_OVERRUN = 0x4;
    /** Types below this are reserved for control messages. */
    public static final int NLMSG_MIN_TYPE = 0x10;

    /** Size of {@code struct nlmsgerr}'s {@code int error}. */
    public static final int NLMSGERR_ERROR_LEN = 4;

    /** enum nlmsgerr_attrs: unused. */
    public static final int NLMSGERR_ATTR_UNUSED = 0;
    /** enum nlmsgerr_attrs: error message string. */
    public static final int NLMSGERR_ATTR_MSG = 1;
    /** enum nlmsgerr_attrs: offset of the invalid attribute in the original message (u32). */
    public static final int NLMSGERR_ATTR_OFFS = 2;
    /** enum nlmsgerr_attrs: arbitrary subsystem-specific cookie. */
    public static final int NLMSGERR_ATTR_COOKIE = 3;
    /** enum nlmsgerr_attrs: policy for a rejected attribute. */
    public static final int NLMSGERR_ATTR_POLICY = 4;
    /** enum nlmsgerr_attrs: type of a missing required attribute. */
    public static final int NLMSGERR_ATTR_MISS_TYPE = 5;
    /** enum nlmsgerr_attrs: offset of the nest where the attribute was missing. */
    public static final int NLMSGERR_ATTR_MISS_NEST = 6;

    /** Socket option: do not echo the request payload in errors. */
    public static final int NETLINK_CAP_ACK = 10;
    /** Socket option: extended ACK reporting (NLMSGERR_ATTR_*). */
    public static final int NETLINK_EXT_ACK = 11;

    /** Attribute type flag: the payload is nested attributes. */
    public static final int NLA_F_NESTED = 1 << 15;
    /** Attribute type flag: the payload is in network byte order. */
    public static final int NLA_F_NET_BYTEORDER = 1 << 14;
    /** Attribute type mask: {@code ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER)}. */
    public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xFFFF;
    /** Alignment of attributes: {@code NLA_ALIGNTO}. */
    public static final int NLA_ALIGNTO = 4;
    /** Size of {@code struct nlattr}: {@code NLA_HDRLEN}. */
    public static final int NLA_HDRLEN = 4;

    /** Size of {@code struct sockaddr_nl}: u16 family, u16 pad, u32 pid, u32 groups. */
    public static final int SOCKADDR_NL_LEN = 12;

    private NetlinkH() {}

    /** Returns {@code len} rounded up to NLMSG_ALIGNTO, as {@code NLMSG_ALIGN} does. */
    public static int NLMSG_ALIGN(int len) {
        return (len + NLMSG_ALIGNTO - 1) & ~(NLMSG_ALIGNTO - 1);
    }

    /** Returns {@code len} rounded up to NLA_ALIGNTO, as {@code NLA_ALIGN} does. */
    public static int NLA_ALIGN(int len) {
        return (len + NLA_ALIGNTO - 1) & ~(NLA_ALIGNTO - 1);
    }
}
