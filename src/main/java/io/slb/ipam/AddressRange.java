package io.slb.ipam;

import java.math.BigInteger;
import java.net.InetAddress;

/**
 * AddressRange is an inclusive range of addresses of one family, as written in {@code --ipamRange}:
 * {@code 192.168.0.85-192.168.0.90}, a CIDR such as {@code 10.0.0.0/29}, or a single address.
 * For an IPv4 CIDR of /30 or wider the network and broadcast addresses are left out, and for an
 * IPv6 CIDR of /126 or wider the subnet-router anycast address (the first) is left out, because
 * a VIP on either confuses neighbours and routers.
 */
public record AddressRange(InetAddress first, InetAddress last, String text) {

    public AddressRange {
        if (IpAddresses.byteLength(first) != IpAddresses.byteLength(last)) {
            throw new IllegalArgumentException("range '" + text + "' mixes IPv4 and IPv6");
        }
        if (IpAddresses.toBigInteger(first).compareTo(IpAddresses.toBigInteger(last)) > 0) {
            throw new IllegalArgumentException("range '" + text + "' ends before it starts");
        }
    }

    /**
     * Parses one range, CIDR or address.
     *
     * @throws IllegalArgumentException with a message that quotes the text
     */
    public static AddressRange parse(String text) {
        String s = text.trim();
        int dash = s.indexOf('-');
        if (dash >= 0) {
            return new AddressRange(IpAddresses.parse(s.substring(0, dash)), IpAddresses.parse(s.substring(dash + 1)), s);
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            return parseCidr(s, slash);
        }
        InetAddress single = IpAddresses.parse(s);
        return new AddressRange(single, single, s);
    }

    private static AddressRange parseCidr(String s, int slash) {
        InetAddress base = IpAddresses.parse(s.substring(0, slash));
        int bytes = IpAddresses.byteLength(base);
        int bits = bytes * 8;
        String prefixText = s.substring(slash + 1);
        if (!prefixText.matches("0|[1-9][0-9]{0,2}")) {
            throw new IllegalArgumentException("'" + s + "': prefix length '" + prefixText + "' is not a plain decimal number");
        }
        int prefix = Integer.parseInt(prefixText);
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("'" + s + "': prefix length " + prefix + " (expected: 0.." + bits + ")");
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger value = IpAddresses.toBigInteger(base);
        if (!value.and(hostMask).equals(BigInteger.ZERO)) {
            BigInteger network = value.andNot(hostMask);
            throw new IllegalArgumentException("'" + s + "' has host bits set (did you mean "
                    + IpAddresses.fromBigInteger(network, bytes).getHostAddress() + "/" + prefix + "?)");
        }
        BigInteger lo = value;
        BigInteger hi = value.or(hostMask);
        if (bytes == 4 && prefix <= 30) {
            lo = lo.add(BigInteger.ONE);
            hi = hi.subtract(BigInteger.ONE);
        } else if (bytes == 16 && prefix <= 126) {
            lo = lo.add(BigInteger.ONE);
        }
        return new AddressRange(IpAddresses.fromBigInteger(lo, bytes), IpAddresses.fromBigInteger(hi, bytes), s);
    }

    /** Returns true if {@code address} is of this family and inside the range. */
    public boolean contains(InetAddress address) {
        if (IpAddresses.byteLength(address) != IpAddresses.byteLength(first)) {
            return false;
        }
        BigInteger v = IpAddresses.toBigInteger(address);
        return v.compareTo(IpAddresses.toBigInteger(first)) >= 0 && v.compareTo(IpAddresses.toBigInteger(last)) <= 0;
    }

    /** Returns true if the two ranges share an address. */
    public boolean overlaps(AddressRange other) {
        if (IpAddresses.byteLength(other.first) != IpAddresses.byteLength(first)) {
            return false;
        }
        return IpAddresses.toBigInteger(first).compareTo(IpAddresses.toBigInteger(other.last)) <= 0
                && IpAddresses.toBigInteger(other.first).compareTo(IpAddresses.toBigInteger(last)) <= 0;
    }

    /** Returns the number of addresses in the range. */
    public BigInteger size() {
        return IpAddresses.toBigInteger(last).subtract(IpAddresses.toBigInteger(first)).add(BigInteger.ONE);
    }

    @Override
    public String toString() {
        return text;
    }
}
