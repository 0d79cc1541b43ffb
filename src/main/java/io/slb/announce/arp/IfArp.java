package io.slb.announce.arp;

/** IfArp holds the constants of {@code include/uapi/linux/if_arp.h} that slb uses. */
final class IfArp {
    /** {@code ARPHRD_ETHER}: Ethernet 10/100Mbps, the ARP hardware type (also {@code sll_hatype}). */
    static final int ARPHRD_ETHER = 1;
    /** {@code ARPOP_REQUEST}: ARP request. */
    static final int ARPOP_REQUEST = 1;
    /** {@code ARPOP_REPLY}: ARP reply. */
    static final int ARPOP_REPLY = 2;

    private IfArp() {}
}
