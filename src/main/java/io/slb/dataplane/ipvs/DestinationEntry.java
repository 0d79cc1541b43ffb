package io.slb.dataplane.ipvs;

/**
 * DestinationEntry is a destination as the kernel reported it: its configuration, its active,
 * inactive and persistent connection counts, and its counters.
 */
public record DestinationEntry(Destination destination, int activeConnections, int inactiveConnections,
        int persistentConnections, IpvsStats stats) {}
