package io.slb.announce.arp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * ArpPacket is an Ethernet/IPv4 ARP packet (RFC 826): {@code struct arphdr} from
 * {@code include/uapi/linux/if_arp.h} followed by sender and target hardware and protocol addresses.
 *
 * <p>The two gratuitous forms are the ones iputils {@code arping} builds in {@code send_pack()}
 * (arping.c): {@code -U} sends an ARP request whose target hardware address is the device's
 * broadcast address (the {@code he} sockaddr after {@code find_broadcast_address()}), {@code -A}
 * sends an ARP reply whose target hardware address is the sender's own; in both, sender and target
 * protocol address are the announced address, and the frame goes to the Ethernet broadcast address.
 * The receiving kernel treats both as gratuitous ({@code arp_is_garp()} in net/ipv4/arp.c: sender IP
 * equals target IP and, for a reply, target MAC equals sender MAC) and overrides its neighbour entry.
 */
record ArpPacket(int operation, MacAddress senderMac, Inet4Address senderIp, MacAddress targetMac, Inet4Address targetIp) {
    /** Octets of an Ethernet/IPv4 ARP packet: 8 header + 2 × (6 + 4) addresses. */
    static final int LENGTH = 28;
    private static final int IPV4_LENGTH = 4;

    ArpPacket {
        if (operation != IfArp.ARPOP_REQUEST && operation != IfArp.ARPOP_REPLY) {
            throw new IllegalArgumentException("operation: " + operation + " (expected: 1 (request) or 2 (reply))");
        }
    }

    /** Returns what {@code arping -U -I <dev> <vip>} sends from {@code mac}: a gratuitous ARP request. */
    static ArpPacket unsolicitedRequest(MacAddress mac, Inet4Address vip) {
        return new ArpPacket(IfArp.ARPOP_REQUEST, mac, vip, MacAddress.BROADCAST, vip);
    }

    /** Returns what {@code arping -A -I <dev> <vip>} sends from {@code mac}: a gratuitous ARP reply. */
    static ArpPacket unsolicitedReply(MacAddress mac, Inet4Address vip) {
        return new ArpPacket(IfArp.ARPOP_REPLY, mac, vip, mac, vip);
    }

    /** Returns whether a Linux neighbour would take this as gratuitous ({@code arp_is_garp()}). */
    boolean isGratuitous() {
        return senderIp.equals(targetIp) && (operation == IfArp.ARPOP_REQUEST || targetMac.equals(senderMac));
    }

    /** Returns the 28 octets of the packet. */
    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(LENGTH);
        out.putShort((short) IfArp.ARPHRD_ETHER);
        out.putShort((short) IfEther.ETH_P_IP);
        out.put((byte) IfEther.ETH_ALEN);
        out.put((byte) IPV4_LENGTH);
        out.putShort((short) operation);
        senderMac.write(out);
        out.put(senderIp.getAddress());
        targetMac.write(out);
        out.put(targetIp.getAddress());
        return out.array();
    }

    /** Returns the whole Ethernet frame, broadcast from {@link #senderMac} as arping sends it. */
    byte[] frame() {
        return new EthernetHeader(MacAddress.BROADCAST, senderMac, IfEther.ETH_P_ARP).frame(encode());
    }

    /**
     * Decodes the ARP packet at the buffer's position (trailing padding is ignored).
     *
     * @throws IllegalArgumentException if it is not a whole Ethernet/IPv4 request or reply
     */
    static ArpPacket decode(ByteBuffer in) {
        if (in.remaining() < LENGTH) {
            throw new IllegalArgumentException("ARP packet: " + in.remaining() + " octets (expected: >= " + LENGTH + ")");
        }
        expect("hardware type", Short.toUnsignedInt(in.getShort()), IfArp.ARPHRD_ETHER);
        expect("protocol type", Short.toUnsignedInt(in.getShort()), IfEther.ETH_P_IP);
        expect("hardware address length", in.get(), IfEther.ETH_ALEN);
        expect("protocol address length", in.get(), IPV4_LENGTH);
        int operation = Short.toUnsignedInt(in.getShort());
        MacAddress senderMac = MacAddress.read(in);
        Inet4Address senderIp = ipv4(in);
        MacAddress targetMac = MacAddress.read(in);
        return new ArpPacket(operation, senderMac, senderIp, targetMac, ipv4(in));
    }

    private static void expect(String field, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("ARP " + field + ": " + actual + " (expected: " + expected + ")");
        }
    }

    private static Inet4Address ipv4(ByteBuffer in) {
        byte[] octets = new byte[IPV4_LENGTH];
        in.get(octets);
        try {
            return (Inet4Address) InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new AssertionError("four octets are always an IPv4 address", e);
        }
    }
}
