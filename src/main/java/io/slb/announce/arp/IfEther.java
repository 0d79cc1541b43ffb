package io.slb.announce.arp;

/** IfEther holds the constants of {@code include/uapi/linux/if_ether.h} that slb uses. */
final class IfEther {
    /** {@code ETH_ALEN}: octets in one Ethernet address. */
    static final int ETH_ALEN = 6;
    /** {@code ETH_HLEN}: total octets in an Ethernet header (two addresses and the type). */
    static final int ETH_HLEN = 14;
    /** {@code ETH_P_ARP}: Address Resolution packet. */
    static final int ETH_P_ARP = 0x0806;
    /** {@code ETH_P_IP}: Internet Protocol packet (the protocol type inside ARP). */
    static final int ETH_P_IP = 0x0800;
    /** {@code ETH_P_IPV6}: IPv6 over bluebook. */
    static final int ETH_P_IPV6 = 0x86DD;

    private IfEther() {}
}
