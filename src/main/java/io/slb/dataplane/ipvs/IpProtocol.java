package io.slb.dataplane.ipvs;

import io.slb.core.Protocol;

/** IpProtocol is a protocol IPVS balances, with its {@code IPPROTO_*} number. */
public enum IpProtocol {
    TCP(6),
    UDP(17),
    SCTP(132);

    private final int number;

    IpProtocol(int number) {
        this.number = number;
    }

    /** Returns the {@code IPPROTO_*} number. */
    public int number() {
        return number;
    }

    /** Returns the IPVS protocol serving slb's {@code protocol}. */
    public static IpProtocol of(Protocol protocol) {
        return switch (protocol) {
            case TCP -> TCP;
            case UDP -> UDP;
        };
    }

    /** Returns the protocol numbered {@code number}; throws IllegalArgumentException for others. */
    public static IpProtocol ofNumber(int number) {
        for (IpProtocol p : values()) {
            if (p.number == number) {
                return p;
            }
        }
        throw new IllegalArgumentException("protocol: " + number + " (expected: 6 (TCP), 17 (UDP) or 132 (SCTP))");
    }
}
