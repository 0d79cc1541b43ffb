package io.slb.ipam;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Comparator;

/**
 * IpAddresses parses IP literals without ever consulting DNS and converts addresses to and from
 * unsigned integers. Every method is a pure function.
 */
public final class IpAddresses {
    private IpAddresses() {}

    /**
     * Parses an IPv4 dotted quad or an IPv6 literal (no brackets, no zone).
     *
     * @throws IllegalArgumentException naming the text, if it is not an IP literal
     */
    public static InetAddress parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty address");
        }
        if (s.indexOf(':') >= 0) {
            return parseV6(s, text);
        }
        return parseV4(s, text);
    }

    private static InetAddress parseV4(String s, String original) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw notAnAddress(original);
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw notAnAddress(original);
            }
            if (p.length() > 1 && p.charAt(0) == '0') {
                // NB: leading zeros are octal to inet_aton and decimal to others; refuse both readings.
                throw new IllegalArgumentException("'" + original + "' is ambiguous: leading zero in an octet");
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw notAnAddress(original);
            }
            bytes[i] = (byte) v;
        }
        return byAddress(bytes);
    }

    private static InetAddress parseV6(String s, String original) {
        char head = s.charAt(0);
        if (head != ':' && Character.digit(head, 16) < 0) {
            // NB: getByName takes text that starts with neither a hex digit nor ':' for a host name
            // and asks the resolver; "." is the one such character the loop below lets through.
            throw notAnAddress(original);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                throw notAnAddress(original);
            }
        }
        try {
            // Text of only hex digits, ':' and '.' that starts with a hex digit or ':' is a literal to
            // getByName: no DNS query happens.
            InetAddress parsed = InetAddress.getByName(s);
            if (parsed instanceof Inet4Address) {
                // NB: Java turns ::ffff:a.b.c.d into an IPv4 address; accepting it would let an IPv6
                // pool hand out IPv4 addresses, so the two spellings are kept apart.
                throw new IllegalArgumentException("'" + original + "' is an IPv4-mapped IPv6 address; write it as "
                        + parsed.getHostAddress());
            }
            return parsed;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + original + "' is not an IP address", e);
        }
    }

    private static IllegalArgumentException notAnAddress(String text) {
        return new IllegalArgumentException("'" + text + "' is not an IP address");
    }

    /**
     * The order IPAM works in: IPv4 before IPv6, then by value (unsigned, as on the wire). Consistent
     * with {@link InetAddress#equals}, so sorted sets built on it hold what a hash set would.
     */
    public static final Comparator<InetAddress> ORDER = (a, b) -> {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        int byLength = Integer.compare(x.length, y.length);
        return byLength != 0 ? byLength : Arrays.compareUnsigned(x, y);
    };

    /** Returns the address as an unsigned integer. */
    public static BigInteger toBigInteger(InetAddress address) {
        return new BigInteger(1, address.getAddress());
    }

    /** Returns the address of {@code family} (4 or 16 bytes) with this unsigned value. */
    public static InetAddress fromBigInteger(BigInteger value, int byteLength) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[byteLength];
        int copy = Math.min(raw.length, byteLength);
        System.arraycopy(raw, raw.length - copy, bytes, byteLength - copy, copy);
        return byAddress(bytes);
    }

    /** Returns 4 for IPv4 addresses and 16 for IPv6 ones. */
    public static int byteLength(InetAddress address) {
        return address instanceof Inet4Address ? 4 : 16;
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }
}
