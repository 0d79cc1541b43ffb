package io.slb.netlink.uapi;

/**
 * GenetlinkH holds the constants of {@code include/uapi/linux/genetlink.h}, spelled as the kernel
 * spells them. {@code struct genlmsghdr} is {@code u8 cmd, u8 version, u16 reserved}.
 */
public final class GenetlinkH {
    /** Longest family name including its NUL. */
    public static final int GENL_NAMSIZ = 16;
    /** Size of {@code struct genlmsghdr}. */
    public static final int GENL_HDRLEN = 4;

    /** Lowest dynamic family id. */
    public static final int GENL_MIN_ID = NetlinkH.NLMSG_MIN_TYPE;
    /** Highest family id. */
    public static final int GENL_MAX_ID = 1023;

    /** Operation flag: needs CAP_NET_ADMIN. */
    public static final int GENL_ADMIN_PERM = 0x01;
    /** Operation flag: supports a do request. */
    public static final int GENL_CMD_CAP_DO = 0x02;
    /** Operation flag: supports a dump request. */
    public static final int GENL_CMD_CAP_DUMP = 0x04;
    /** Operation flag: has a policy. */
    public static final int GENL_CMD_CAP_HASPOL = 0x08;
    /** Operation flag: needs CAP_NET_ADMIN in the namespace's user namespace. */
    public static final int GENL_UNS_ADMIN_PERM = 0x10;

    /** Family id of the controller ("nlctrl"). */
    public static final int GENL_ID_CTRL = NetlinkH.NLMSG_MIN_TYPE;

    /** Controller command. */
    public static final int CTRL_CMD_UNSPEC = 0;
    public static final int CTRL_CMD_NEWFAMILY = 1;
    public static final int CTRL_CMD_DELFAMILY = 2;
    public static final int CTRL_CMD_GETFAMILY = 3;
    public static final int CTRL_CMD_NEWOPS = 4;
    public static final int CTRL_CMD_DELOPS = 5;
    public static final int CTRL_CMD_GETOPS = 6;
    public static final int CTRL_CMD_NEWMCAST_GRP = 7;
    public static final int CTRL_CMD_DELMCAST_GRP = 8;
    public static final int CTRL_CMD_GETMCAST_GRP = 9;
    public static final int CTRL_CMD_GETPOLICY = 10;

    /** Controller attribute. */
    public static final int CTRL_ATTR_UNSPEC = 0;
    /** u16 */
    public static final int CTRL_ATTR_FAMILY_ID = 1;
    /** NUL-terminated string */
    public static final int CTRL_ATTR_FAMILY_NAME = 2;
    /** u32 */
    public static final int CTRL_ATTR_VERSION = 3;
    /** u32 */
    public static final int CTRL_ATTR_HDRSIZE = 4;
    /** u32 */
    public static final int CTRL_ATTR_MAXATTR = 5;
    /** nested array of CTRL_ATTR_OP_* */
    public static final int CTRL_ATTR_OPS = 6;
    /** nested array of CTRL_ATTR_MCAST_GRP_* */
    public static final int CTRL_ATTR_MCAST_GROUPS = 7;
    public static final int CTRL_ATTR_POLICY = 8;
    public static final int CTRL_ATTR_OP_POLICY = 9;
    public static final int CTRL_ATTR_OP = 10;

    /** Operation attribute. */
    public static final int CTRL_ATTR_OP_UNSPEC = 0;
    /** u32 */
    public static final int CTRL_ATTR_OP_ID = 1;
    /** u32 */
    public static final int CTRL_ATTR_OP_FLAGS = 2;

    /** Multicast group attribute. */
    public static final int CTRL_ATTR_MCAST_GRP_UNSPEC = 0;
    /** NUL-terminated string */
    public static final int CTRL_ATTR_MCAST_GRP_NAME = 1;
    /** u32 */
    public static final int CTRL_ATTR_MCAST_GRP_ID = 2;

    private GenetlinkH() {}
}
