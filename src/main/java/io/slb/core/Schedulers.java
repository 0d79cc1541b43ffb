package io.slb.core;

import java.util.Set;

/** Schedulers lists the scheduler names slb accepts; they are IPVS's module names (ip_vs_NAME). */
public final class Schedulers {
    /** The default, round robin, as in the seed. */
    public static final String DEFAULT = "rr";

    /** Every scheduler of Linux 6.1's IPVS (net/netfilter/ipvs/ip_vs_*.c). */
    public static final Set<String> KNOWN =
            Set.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh", "twos");

    private Schedulers() {}
}
