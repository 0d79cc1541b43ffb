package io.slb.announce.bgp;

import java.net.InetAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * BgpPeer is one {@code --bgpPeer address:as[:password][:multihop]}: the neighbour gobgpd peers with,
 * its AS, an optional TCP-MD5 password and whether the session is eBGP multihop.
 *
 * @param address  the neighbour's address (IPv4 or IPv6)
 * @param asn      the neighbour's AS, 1..4294967295
 * @param password the TCP-MD5 password, or null for none
 * @param multihop whether the neighbour is more than one hop away (eBGP multihop, TTL {@link #MULTIHOP_TTL})
 */
public record BgpPeer(InetAddress address, long asn, @Nullable String password, boolean multihop) {
    /** The TTL of multihop sessions: any number of hops, as GoBGP's CLI uses when none is given. */
    public static final int MULTIHOP_TTL = 255;
    private static final String MULTIHOP = "multihop";
    private static final String EXPECTED = "(expected: address:as[:password][:multihop], IPv6 in [brackets])";

    public BgpPeer {
        Objects.requireNonNull(address, "address");
        BgpSettings.requireAsn("as", asn);
        if (password != null && password.isEmpty()) {
            password = null;
        }
    }

    /**
     * Parses {@code address:as[:password][:multihop]}. An IPv6 address goes in brackets
     * ({@code [2001:db8::1]:65530}); a third field that reads {@code multihop} is the flag, not a
     * password (write {@code address:as::multihop} for no password and multihop explicitly).
     *
     * @throws IllegalArgumentException naming the bad part and the expected form
     */
    public static BgpPeer parse(String spec) {
        String rest;
        String host;
        if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            if (close < 0 || close + 1 >= spec.length() || spec.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("bgpPeer: '" + spec + "' " + EXPECTED);
            }
            host = spec.substring(1, close);
            rest = spec.substring(close + 2);
        } else {
            int colon = spec.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("bgpPeer: '" + spec + "' has no AS " + EXPECTED);
            }
            host = spec.substring(0, colon);
            rest = spec.substring(colon + 1);
        }
        String[] fields = rest.split(":", -1);
        if (fields.length > 3) {
            throw new IllegalArgumentException("bgpPeer: '" + spec + "' has too many fields " + EXPECTED);
        }
        InetAddress address = Addresses.literal("bgpPeer address", host);
        long asn = BgpSettings.parseAsn("bgpPeer as", fields[0]);
        String password = null;
        boolean multihop = false;
        if (fields.length == 2) {
            if (MULTIHOP.equals(fields[1])) {
                multihop = true;
            } else {
                password = fields[1];
            }
        } else if (fields.length == 3) {
            if (!MULTIHOP.equals(fields[2])) {
                throw new IllegalArgumentException("bgpPeer: '" + spec + "': last field '" + fields[2]
                        + "' (expected: multihop)");
            }
            password = fields[1];
            multihop = true;
        }
        return new BgpPeer(address, asn, password, multihop);
    }

    /** Returns the spec without the password, for logs. */
    @Override
    public String toString() {
        String host = address.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + asn
                + (password == null ? "" : ":***") + (multihop ? ":multihop" : "");
    }
}
