package io.slb.announce.arp;

import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * NeighborAdvert is an IPv6 packet carrying one ICMPv6 Neighbor Advertisement (RFC 4861 §4.4), with
 * an optional Target Link-Layer Address option (§4.6.1). {@link #encode} computes the ICMPv6 checksum
 * over the IPv6 pseudo-header (RFC 8200 §8.1) and always sends hop limit 255, which receivers require
 * (§7.1.2); {@link #decode} checks both.
 *
 * @param targetLinkLayer the Target Link-Layer Address option, or null if the packet has none
 */
record NeighborAdvert(Inet6Address source, Inet6Address destination, boolean router, boolean solicited,
        boolean override, Inet6Address target, @Nullable MacAddress targetLinkLayer) {
    /** {@code IPPROTO_ICMPV6} from {@code include/uapi/linux/in6.h}. */
    static final int IPPROTO_ICMPV6 = 58;
    /** RFC 4861 §4.4: ICMPv6 type of a Neighbor Advertisement. */
    static final int TYPE_NEIGHBOR_ADVERTISEMENT = 136;
    /** RFC 4861 §4.6.1: option type of the Target Link-Layer Address. */
    static final int OPTION_TARGET_LINK_LAYER = 2;
    /** RFC 4861 §7.1.2: a node accepts neighbour discovery only with hop limit 255 (not forwarded). */
    static final int HOP_LIMIT = 255;
    /** {@code ff02::1}, the link-local all-nodes group (RFC 4291 §2.7.1). */
    static final Inet6Address ALL_NODES = ipv6(new byte[] {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

    static final int IPV6_HEADER_LENGTH = 40;
    private static final int IPV6_ADDRESS_LENGTH = 16;
    private static final int IPV6_VERSION = 6;
    /** RFC 4861 §4.4: type, code, checksum, flags word, target address. */
    private static final int NA_LENGTH = 24;
    /** RFC 4861 §4.6: option lengths count units of 8 octets. */
    private static final int OPTION_UNIT = 8;
    private static final int FLAG_ROUTER = 0x8000_0000;
    private static final int FLAG_SOLICITED = 0x4000_0000;
    private static final int FLAG_OVERRIDE = 0x2000_0000;
    private static final int CHECKSUM_OFFSET = 2;

    /**
     * Returns the unsolicited advertisement for {@code vip} owned by {@code mac}, as Linux sends it in
     * {@code ndisc_send_unsol_na()} (net/ipv6/ndisc.c): from the address itself to all nodes, Solicited
     * clear (RFC 4861 §7.2.6 requires it for multicast), Override set so that neighbours replace the
     * link-layer address they cached, Router clear (slb does not forward as an IPv6 router), with the option.
     */
    static NeighborAdvert unsolicited(MacAddress mac, Inet6Address vip) {
        return new NeighborAdvert(vip, ALL_NODES, false, false, true, vip, mac);
    }

    /** Returns the IPv6 packet: 40-octet header, the advertisement and the option if present. */
    byte[] encode() {
        int icmpLength = NA_LENGTH + (targetLinkLayer == null ? 0 : OPTION_UNIT);
        ByteBuffer out = ByteBuffer.allocate(IPV6_HEADER_LENGTH + icmpLength);
        out.putInt(IPV6_VERSION << 28);
        out.putShort((short) icmpLength);
        out.put((byte) IPPROTO_ICMPV6);
        out.put((byte) HOP_LIMIT);
        out.put(source.getAddress());
        out.put(destination.getAddress());
        out.put((byte) TYPE_NEIGHBOR_ADVERTISEMENT);
        out.put((byte) 0);
        out.putShort((short) 0);
        out.putInt((router ? FLAG_ROUTER : 0) | (solicited ? FLAG_SOLICITED : 0) | (override ? FLAG_OVERRIDE : 0));
        out.put(target.getAddress());
        if (targetLinkLayer != null) {
            out.put((byte) OPTION_TARGET_LINK_LAYER);
            out.put((byte) 1);
            targetLinkLayer.write(out);
        }
        byte[] packet = out.array();
        int checksum = checksum(packet, IPV6_HEADER_LENGTH, icmpLength);
        packet[IPV6_HEADER_LENGTH + CHECKSUM_OFFSET] = (byte) (checksum >>> Byte.SIZE);
        packet[IPV6_HEADER_LENGTH + CHECKSUM_OFFSET + 1] = (byte) checksum;
        return packet;
    }

    /** Returns the Ethernet frame from {@code ethernetSource} to the multicast MAC of {@link #destination}. */
    byte[] frame(MacAddress ethernetSource) {
        return new EthernetHeader(MacAddress.ipv6Multicast(destination), ethernetSource, IfEther.ETH_P_IPV6)
                .frame(encode());
    }

    /**
     * Decodes the IPv6 packet at the buffer's position; octets past the IPv6 payload length (Ethernet
     * padding) are ignored.
     *
     * @throws IllegalArgumentException if it is not a valid Neighbor Advertisement (RFC 4861 §7.1.2:
     *     hop limit, checksum, code, length, option lengths)
     */
    static NeighborAdvert decode(ByteBuffer in) {
        need("IPv6 header", in.remaining(), IPV6_HEADER_LENGTH);
        int start = in.position();
        expect("IPv6 version", in.getInt() >>> 28, IPV6_VERSION);
        int payloadLength = Short.toUnsignedInt(in.getShort());
        expect("next header", Byte.toUnsignedInt(in.get()), IPPROTO_ICMPV6);
        expect("hop limit", Byte.toUnsignedInt(in.get()), HOP_LIMIT);
        Inet6Address source = readIpv6(in);
        Inet6Address destination = readIpv6(in);
        need("ICMPv6 payload", in.remaining(), payloadLength);
        need("Neighbor Advertisement", payloadLength, NA_LENGTH);
        byte[] packet = new byte[IPV6_HEADER_LENGTH + payloadLength];
        in.position(start);
        in.get(packet);
        expect("ICMPv6 checksum", checksum(packet, IPV6_HEADER_LENGTH, payloadLength), 0);
        ByteBuffer icmp = ByteBuffer.wrap(packet, IPV6_HEADER_LENGTH, payloadLength);
        expect("ICMPv6 type", Byte.toUnsignedInt(icmp.get()), TYPE_NEIGHBOR_ADVERTISEMENT);
        expect("ICMPv6 code", Byte.toUnsignedInt(icmp.get()), 0);
        icmp.getShort();
        int flags = icmp.getInt();
        Inet6Address target = readIpv6(icmp);
        MacAddress linkLayer = targetLinkLayer(icmp);
        return new NeighborAdvert(source, destination, (flags & FLAG_ROUTER) != 0, (flags & FLAG_SOLICITED) != 0,
                (flags & FLAG_OVERRIDE) != 0, target, linkLayer);
    }

    private static @Nullable MacAddress targetLinkLayer(ByteBuffer options) {
        MacAddress found = null;
        while (options.remaining() > 0) {
            need("option header", options.remaining(), 2);
            int type = Byte.toUnsignedInt(options.get(options.position()));
            int length = Byte.toUnsignedInt(options.get(options.position() + 1)) * OPTION_UNIT;
            if (length == 0) {
                throw new IllegalArgumentException("option " + type + ": length 0 (expected: >= 1)");
            }
            need("option " + type, options.remaining(), length);
            if (type == OPTION_TARGET_LINK_LAYER && length == OPTION_UNIT) {
                found = MacAddress.read(options.duplicate().position(options.position() + 2));
            }
            options.position(options.position() + length);
        }
        return found;
    }

    /**
     * Returns the Internet checksum (RFC 1071) of the IPv6 pseudo-header of {@code packet} followed by
     * its upper-layer message at {@code offset}; 0 when the message carries a correct checksum.
     */
    static int checksum(byte[] packet, int offset, int length) {
        long sum = 0;
        int addresses = 2 * IPV6_ADDRESS_LENGTH;
        int addressesStart = IPV6_HEADER_LENGTH - addresses;
        for (int i = addressesStart; i < IPV6_HEADER_LENGTH; i += 2) {
            sum += word(packet, i, IPV6_HEADER_LENGTH);
        }
        sum += length >>> 16;
        sum += length & 0xFFFF;
        sum += IPPROTO_ICMPV6;
        for (int i = offset; i < offset + length; i += 2) {
            sum += word(packet, i, offset + length);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    private static int word(byte[] bytes, int i, int end) {
        int high = (bytes[i] & 0xFF) << Byte.SIZE;
        return i + 1 < end ? high | (bytes[i + 1] & 0xFF) : high;
    }

    private static Inet6Address readIpv6(ByteBuffer in) {
        byte[] octets = new byte[IPV6_ADDRESS_LENGTH];
        in.get(octets);
        return ipv6(octets);
    }

    private static Inet6Address ipv6(byte[] octets) {
        try {
            return Inet6Address.getByAddress(null, octets, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 octets are always an IPv6 address", e);
        }
    }

    private static void need(String what, int remaining, int needed) {
        if (remaining < needed) {
            throw new IllegalArgumentException(what + ": " + remaining + " octets (expected: >= " + needed + ")");
        }
    }

    private static void expect(String field, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(field + ": " + actual + " (expected: " + expected + ")");
        }
    }
}
