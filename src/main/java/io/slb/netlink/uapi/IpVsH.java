package io.slb.netlink.uapi;

/**
 * IpVsH holds the constants of {@code include/uapi/linux/ip_vs.h} (Linux 6.1), spelled as the kernel
 * spells them, so grep finds them both ways. The generic netlink family is {@link #IPVS_GENL_NAME}; every
 * command carries its service in IPVS_CMD_ATTR_SERVICE and, for destinations, IPVS_CMD_ATTR_DEST. Integers
 * are native order except ports and the IPv4 netmask ({@code __be16}, {@code __be32}).
 */
public final class IpVsH {
    /** {@code IP_VS_VERSION_CODE}: 1.2.1. */
    public static final int IP_VS_VERSION_CODE = 0x010201;
    /** Generic netlink family name. */
    public static final String IPVS_GENL_NAME = "IPVS";
    /** Generic netlink interface version sent in genlmsghdr. */
    public static final int IPVS_GENL_VERSION = 0x1;
    /** Size of {@code struct ip_vs_flags} (u32 flags, u32 mask). */
    public static final int IP_VS_FLAGS_SIZE = 8;

    // Virtual service flags (IP_VS_SVC_F_*).
    public static final int IP_VS_SVC_F_PERSISTENT = 0x0001; // persistent port
    public static final int IP_VS_SVC_F_HASHED = 0x0002; // hashed entry
    public static final int IP_VS_SVC_F_ONEPACKET = 0x0004; // one-packet scheduling
    public static final int IP_VS_SVC_F_SCHED1 = 0x0008; // scheduler flag 1
    public static final int IP_VS_SVC_F_SCHED2 = 0x0010; // scheduler flag 2
    public static final int IP_VS_SVC_F_SCHED3 = 0x0020; // scheduler flag 3
    public static final int IP_VS_SVC_F_SCHED_SH_FALLBACK = IP_VS_SVC_F_SCHED1; // sh: fall back to another destination
    public static final int IP_VS_SVC_F_SCHED_SH_PORT = IP_VS_SVC_F_SCHED2; // sh: hash the source port too

    // Destination flags (IP_VS_DEST_F_*).
    public static final int IP_VS_DEST_F_AVAILABLE = 0x0001; // server is available
    public static final int IP_VS_DEST_F_OVERLOAD = 0x0002; // server is overloaded

    // Sync daemon states.
    public static final int IP_VS_STATE_NONE = 0x0000; // daemon is stopped
    public static final int IP_VS_STATE_MASTER = 0x0001; // started as master
    public static final int IP_VS_STATE_BACKUP = 0x0002; // started as backup

    // Connection flags; the low three bits (IP_VS_CONN_F_FWD_MASK) are the forwarding method.
    public static final int IP_VS_CONN_F_FWD_MASK = 0x0007; // mask for the forwarding methods
    public static final int IP_VS_CONN_F_MASQ = 0x0000; // masquerading (NAT)
    public static final int IP_VS_CONN_F_LOCALNODE = 0x0001; // local node
    public static final int IP_VS_CONN_F_TUNNEL = 0x0002; // tunneling
    public static final int IP_VS_CONN_F_DROUTE = 0x0003; // direct routing
    public static final int IP_VS_CONN_F_BYPASS = 0x0004; // cache bypass
    public static final int IP_VS_CONN_F_SYNC = 0x0020; // entry created by sync
    public static final int IP_VS_CONN_F_HASHED = 0x0040; // hashed entry
    public static final int IP_VS_CONN_F_NOOUTPUT = 0x0080; // no output packets
    public static final int IP_VS_CONN_F_INACTIVE = 0x0100; // not established
    public static final int IP_VS_CONN_F_OUT_SEQ = 0x0200; // must do output seq adjust
    public static final int IP_VS_CONN_F_IN_SEQ = 0x0400; // must do input seq adjust
    public static final int IP_VS_CONN_F_SEQ_MASK = 0x0600; // in/out sequence mask
    public static final int IP_VS_CONN_F_NO_CPORT = 0x0800; // no client port set yet
    public static final int IP_VS_CONN_F_TEMPLATE = 0x1000; // template, not connection
    public static final int IP_VS_CONN_F_ONE_PACKET = 0x2000; // forward only one packet
    public static final int IP_VS_CONN_F_NFCT = 1 << 16; // use netfilter conntrack

    // Sizes of names, including the terminating NUL.
    public static final int IP_VS_SCHEDNAME_MAXLEN = 16;
    public static final int IP_VS_PENAME_MAXLEN = 16;
    public static final int IP_VS_IFNAME_MAXLEN = 16;
    public static final int IP_VS_PEDATA_MAXLEN = 255;

    // Tunnel types (IPVS_DEST_ATTR_TUN_TYPE).
    public static final int IP_VS_CONN_F_TUNNEL_TYPE_IPIP = 0; // IPIP
    public static final int IP_VS_CONN_F_TUNNEL_TYPE_GUE = 1; // GUE
    public static final int IP_VS_CONN_F_TUNNEL_TYPE_GRE = 2; // GRE

    // Generic netlink commands.
    public static final int IPVS_CMD_UNSPEC = 0;
    public static final int IPVS_CMD_NEW_SERVICE = 1;
    public static final int IPVS_CMD_SET_SERVICE = 2;
    public static final int IPVS_CMD_DEL_SERVICE = 3;
    public static final int IPVS_CMD_GET_SERVICE = 4;
    public static final int IPVS_CMD_NEW_DEST = 5;
    public static final int IPVS_CMD_SET_DEST = 6;
    public static final int IPVS_CMD_DEL_DEST = 7;
    public static final int IPVS_CMD_GET_DEST = 8;
    public static final int IPVS_CMD_NEW_DAEMON = 9;
    public static final int IPVS_CMD_DEL_DAEMON = 10;
    public static final int IPVS_CMD_GET_DAEMON = 11;
    public static final int IPVS_CMD_SET_CONFIG = 12;
    public static final int IPVS_CMD_GET_CONFIG = 13;
    public static final int IPVS_CMD_SET_INFO = 14;
    public static final int IPVS_CMD_GET_INFO = 15;
    public static final int IPVS_CMD_ZERO = 16;
    public static final int IPVS_CMD_FLUSH = 17;

    // Attributes of the first level of commands.
    public static final int IPVS_CMD_ATTR_UNSPEC = 0;
    public static final int IPVS_CMD_ATTR_SERVICE = 1; // nested IPVS_SVC_ATTR_*
    public static final int IPVS_CMD_ATTR_DEST = 2; // nested IPVS_DEST_ATTR_*
    public static final int IPVS_CMD_ATTR_DAEMON = 3; // nested IPVS_DAEMON_ATTR_*
    public static final int IPVS_CMD_ATTR_TIMEOUT_TCP = 4; // u32
    public static final int IPVS_CMD_ATTR_TIMEOUT_TCP_FIN = 5; // u32
    public static final int IPVS_CMD_ATTR_TIMEOUT_UDP = 6; // u32

    // Service attributes, nested in IPVS_CMD_ATTR_SERVICE; the comment is the kernel policy's type.
    public static final int IPVS_SVC_ATTR_UNSPEC = 0;
    public static final int IPVS_SVC_ATTR_AF = 1; // u16 address family
    public static final int IPVS_SVC_ATTR_PROTOCOL = 2; // u16 IPPROTO_*
    public static final int IPVS_SVC_ATTR_ADDR = 3; // binary, up to 16 bytes (union nf_inet_addr)
    public static final int IPVS_SVC_ATTR_PORT = 4; // __be16
    public static final int IPVS_SVC_ATTR_FWMARK = 5; // u32
    public static final int IPVS_SVC_ATTR_SCHED_NAME = 6; // NUL-terminated string, < IP_VS_SCHEDNAME_MAXLEN
    public static final int IPVS_SVC_ATTR_FLAGS = 7; // struct ip_vs_flags: u32 flags, u32 mask
    public static final int IPVS_SVC_ATTR_TIMEOUT = 8; // u32 persistence timeout in seconds
    public static final int IPVS_SVC_ATTR_NETMASK = 9; // u32: an IPv4 mask (__be32), or an IPv6 prefix length
    public static final int IPVS_SVC_ATTR_STATS = 10; // nested IPVS_STATS_ATTR_* (u32 counters)
    public static final int IPVS_SVC_ATTR_PE_NAME = 11; // NUL-terminated string
    public static final int IPVS_SVC_ATTR_STATS64 = 12; // nested IPVS_STATS_ATTR_* (u64 counters)

    // Destination attributes, nested in IPVS_CMD_ATTR_DEST.
    public static final int IPVS_DEST_ATTR_UNSPEC = 0;
    public static final int IPVS_DEST_ATTR_ADDR = 1; // binary, up to 16 bytes
    public static final int IPVS_DEST_ATTR_PORT = 2; // __be16
    public static final int IPVS_DEST_ATTR_FWD_METHOD = 3; // u32 IP_VS_CONN_F_* forwarding method
    public static final int IPVS_DEST_ATTR_WEIGHT = 4; // u32
    public static final int IPVS_DEST_ATTR_U_THRESH = 5; // u32
    public static final int IPVS_DEST_ATTR_L_THRESH = 6; // u32
    public static final int IPVS_DEST_ATTR_ACTIVE_CONNS = 7; // u32
    public static final int IPVS_DEST_ATTR_INACT_CONNS = 8; // u32
    public static final int IPVS_DEST_ATTR_PERSIST_CONNS = 9; // u32
    public static final int IPVS_DEST_ATTR_STATS = 10; // nested IPVS_STATS_ATTR_*
    public static final int IPVS_DEST_ATTR_ADDR_FAMILY = 11; // u16, since Linux 3.18
    public static final int IPVS_DEST_ATTR_STATS64 = 12; // nested IPVS_STATS_ATTR_*
    public static final int IPVS_DEST_ATTR_TUN_TYPE = 13; // u8
    public static final int IPVS_DEST_ATTR_TUN_PORT = 14; // __be16
    public static final int IPVS_DEST_ATTR_TUN_FLAGS = 15; // u16

    // Sync daemon attributes, nested in IPVS_CMD_ATTR_DAEMON.
    public static final int IPVS_DAEMON_ATTR_UNSPEC = 0;
    public static final int IPVS_DAEMON_ATTR_STATE = 1;
    public static final int IPVS_DAEMON_ATTR_MCAST_IFN = 2;
    public static final int IPVS_DAEMON_ATTR_SYNC_ID = 3;
    public static final int IPVS_DAEMON_ATTR_SYNC_MAXLEN = 4;
    public static final int IPVS_DAEMON_ATTR_MCAST_GROUP = 5;
    public static final int IPVS_DAEMON_ATTR_MCAST_GROUP6 = 6;
    public static final int IPVS_DAEMON_ATTR_MCAST_PORT = 7;
    public static final int IPVS_DAEMON_ATTR_MCAST_TTL = 8;

    // Statistics attributes, nested in the *_STATS and *_STATS64 attributes.
    public static final int IPVS_STATS_ATTR_UNSPEC = 0;
    public static final int IPVS_STATS_ATTR_CONNS = 1;
    public static final int IPVS_STATS_ATTR_INPKTS = 2;
    public static final int IPVS_STATS_ATTR_OUTPKTS = 3;
    public static final int IPVS_STATS_ATTR_INBYTES = 4;
    public static final int IPVS_STATS_ATTR_OUTBYTES = 5;
    public static final int IPVS_STATS_ATTR_CPS = 6;
    public static final int IPVS_STATS_ATTR_INPPS = 7;
    public static final int IPVS_STATS_ATTR_OUTPPS = 8;
    public static final int IPVS_STATS_ATTR_INBPS = 9;
    public static final int IPVS_STATS_ATTR_OUTBPS = 10;
    public static final int IPVS_STATS_ATTR_PAD = 11;

    // Attributes of the IPVS_CMD_GET_INFO reply.
    public static final int IPVS_INFO_ATTR_UNSPEC = 0;
    public static final int IPVS_INFO_ATTR_VERSION = 1;
    public static final int IPVS_INFO_ATTR_CONN_TAB_SIZE = 2;

    private IpVsH() {}
}
