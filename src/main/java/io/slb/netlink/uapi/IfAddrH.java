package io.slb.netlink.uapi;

/**
 * IfAddrH holds the constants of {@code include/uapi/linux/if_addr.h}, spelled as the kernel spells
 * them. {@code struct ifaddrmsg} is {@code u8 ifa_family, u8 ifa_prefixlen, u8 ifa_flags, u8 ifa_scope,
 * u32 ifa_index} (8 bytes); flags above 0xff only fit in the IFA_FLAGS attribute.
 */
public final class IfAddrH {
    /** {@code sizeof(struct ifaddrmsg)}. */
    public static final int IFADDRMSG_SIZE = 8;

    public static final int IFA_UNSPEC = 0;
    /** binary address: the peer's on point-to-point links, else the local one */
    public static final int IFA_ADDRESS = 1;
    /** binary address: the local address */
    public static final int IFA_LOCAL = 2;
    /** string */
    public static final int IFA_LABEL = 3;
    /** binary IPv4 broadcast address */
    public static final int IFA_BROADCAST = 4;
    public static final int IFA_ANYCAST = 5;
    /** struct ifa_cacheinfo */
    public static final int IFA_CACHEINFO = 6;
    public static final int IFA_MULTICAST = 7;
    /** u32, all IFA_F_* flags (ifa_flags holds only the low 8) */
    public static final int IFA_FLAGS = 8;
    /** u32 */
    public static final int IFA_RT_PRIORITY = 9;
    public static final int IFA_TARGET_NETNSID = 10;
    /** u8, address protocol */
    public static final int IFA_PROTO = 11;

    public static final int IFA_F_SECONDARY = 0x01;
    public static final int IFA_F_TEMPORARY = IFA_F_SECONDARY;
    /** No duplicate address detection (IPv6): the address is usable at once, not tentative. */
    public static final int IFA_F_NODAD = 0x02;
    public static final int IFA_F_OPTIMISTIC = 0x04;
    public static final int IFA_F_DADFAILED = 0x08;
    public static final int IFA_F_HOMEADDRESS = 0x10;
    public static final int IFA_F_DEPRECATED = 0x20;
    public static final int IFA_F_TENTATIVE = 0x40;
    public static final int IFA_F_PERMANENT = 0x80;
    public static final int IFA_F_MANAGETEMPADDR = 0x100;
    public static final int IFA_F_NOPREFIXROUTE = 0x200;
    public static final int IFA_F_MCAUTOJOIN = 0x400;
    public static final int IFA_F_STABLE_PRIVACY = 0x800;

    private IfAddrH() {}
}
