package io.slb.dataplane.ipvs;

import java.net.Inet4Address;
import java.net.InetAddress;

/** AddressFamily is an IPVS address family with its {@code AF_*} code and address length. */
public enum AddressFamily {
    INET(2, 4, 32),
    INET6(10, 16, 128);

    private final int code;
    private final int addressLength;
    private final int bits;

    AddressFamily(int code, int addressLength, int bits) {
        this.code = code;
        this.addressLength = addressLength;
        this.bits = bits;
    }

    /** Returns the {@code AF_INET}/{@code AF_INET6} value. */
    public int code() {
        return code;
    }

    /** Returns the address length in bytes: 4 or 16. */
    public int addressLength() {
        return addressLength;
    }

    /** Returns the address length in bits, the longest prefix: 32 or 128. */
    public int bits() {
        return bits;
    }

    /** Returns the family of {@code address}. */
    public static AddressFamily of(InetAddress address) {
        return address instanceof Inet4Address ? INET : INET6;
    }

    /** Returns the family with {@code code}; throws IllegalArgumentException for any other code. */
    public static AddressFamily ofCode(int code) {
        for (AddressFamily f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        throw new IllegalArgumentException("address family: " + code + " (expected: 2 (AF_INET) or 10 (AF_INET6))");
    }
}
