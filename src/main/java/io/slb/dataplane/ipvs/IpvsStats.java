package io.slb.dataplane.ipvs;

/**
 * IpvsStats are the kernel's counters of a service or destination (IPVS_*_ATTR_STATS64): connections
 * scheduled, packets and bytes in and out. Observed data, kept apart from configuration.
 */
public record IpvsStats(long connections, long packetsIn, long packetsOut, long bytesIn, long bytesOut) {
    /** ZERO is what a service has before traffic, or a dump without statistics. */
    public static final IpvsStats ZERO = new IpvsStats(0, 0, 0, 0, 0);
}
