package io.slb.announce.arp;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * MacAddress is a 48-bit Ethernet address, held in the low 48 bits of {@code bits} so that records
 * holding one compare by value.
 */
record MacAddress(long bits) {
    /** {@code ff:ff:ff:ff:ff:ff}: every station on the segment. */
    static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);
    /** {@code 00:00:00:00:00:00}. */
    static final MacAddress ZERO = new MacAddress(0);

    private static final long MASK = 0xFFFF_FFFF_FFFFL;
    /** RFC 2464 §7: an IPv6 multicast address maps to 33:33 followed by its last four octets. */
    private static final long IPV6_MULTICAST_PREFIX = 0x3333_0000_0000L;
    private static final int IPV6_MULTICAST_SUFFIX_OCTETS = 4;

    MacAddress {
        if ((bits & ~MASK) != 0) {
            throw new IllegalArgumentException("bits: 0x" + Long.toHexString(bits) + " (expected: 48 bits)");
        }
    }

    /** Returns the address of the six octets {@code octets[0..5]}. */
    static MacAddress of(byte[] octets) {
        if (octets.length != IfEther.ETH_ALEN) {
            throw new IllegalArgumentException("octets: " + octets.length + " (expected: " + IfEther.ETH_ALEN + ")");
        }
        return read(ByteBuffer.wrap(octets));
    }

    /** Parses {@code 02:00:5e:10:00:01} (case-insensitive). */
    static MacAddress parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != IfEther.ETH_ALEN) {
            throw new IllegalArgumentException("MAC address: " + text + " (expected: six hex octets such as 02:00:5e:10:00:01)");
        }
        long bits = 0;
        for (String part : parts) {
            if (part.length() != 2 || !HexFormat.isHexDigit(part.charAt(0)) || !HexFormat.isHexDigit(part.charAt(1))) {
                throw new IllegalArgumentException("MAC address: " + text + " (expected: six hex octets such as 02:00:5e:10:00:01)");
            }
            bits = (bits << Byte.SIZE) | HexFormat.fromHexDigits(part);
        }
        return new MacAddress(bits);
    }

    /** Returns the Ethernet multicast address RFC 2464 §7 assigns to the IPv6 multicast {@code group}. */
    static MacAddress ipv6Multicast(Inet6Address group) {
        if (!group.isMulticastAddress()) {
            throw new IllegalArgumentException("group: " + group.getHostAddress() + " (expected: an IPv6 multicast address)");
        }
        byte[] ip = group.getAddress();
        long suffix = 0;
        for (int i = ip.length - IPV6_MULTICAST_SUFFIX_OCTETS; i < ip.length; i++) {
            suffix = (suffix << Byte.SIZE) | (ip[i] & 0xFF);
        }
        return new MacAddress(IPV6_MULTICAST_PREFIX | suffix);
    }

    /** Reads six octets at the buffer's position and advances it. */
    static MacAddress read(ByteBuffer in) {
        long bits = 0;
        for (int i = 0; i < IfEther.ETH_ALEN; i++) {
            bits = (bits << Byte.SIZE) | (in.get() & 0xFF);
        }
        return new MacAddress(bits);
    }

    /** Writes the six octets at the buffer's position and advances it. */
    void write(ByteBuffer out) {
        for (int shift = (IfEther.ETH_ALEN - 1) * Byte.SIZE; shift >= 0; shift -= Byte.SIZE) {
            out.put((byte) (bits >>> shift));
        }
    }

    /** Returns the six octets. */
    byte[] octets() {
        ByteBuffer out = ByteBuffer.allocate(IfEther.ETH_ALEN);
        write(out);
        return out.array();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(17);
        for (byte octet : octets()) {
            if (text.length() > 0) {
                text.append(':');
            }
            text.append(HexFormat.of().toHexDigits(octet));
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }
}
