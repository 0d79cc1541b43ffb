package io.slb.api;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * IpText writes addresses as JSON shows them: IPv4 dotted quads, and IPv6 in RFC 5952's canonical
 * text form (lower-case hex, no leading zeros, the longest run of two or more zero groups, leftmost on
 * a tie, as {@code ::}). {@link InetAddress#getHostAddress} writes {@code 2001:db8:0:0:0:0:0:1} instead.
 * Pure function.
 */
final class IpText {
    private static final int GROUPS = 8;
    private static final int MIN_RUN = 2;
    private static final int HEX = 16;

    private IpText() {}

    static String format(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[GROUPS];
        for (int i = 0; i < GROUPS; i++) {
            groups[i] = (b[2 * i] & 0xff) << 8 | b[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < GROUPS; ) {
            int j = i;
            while (j < GROUPS && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestLength < MIN_RUN) {
            bestStart = -1;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < GROUPS; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toString(groups[i], HEX));
        }
        return out.toString();
    }
}
