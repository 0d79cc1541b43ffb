package io.slb.dataplane.ipvs;

/** ServiceEntry is a service as the kernel reported it: its configuration and its counters. */
public record ServiceEntry(VirtualService service, IpvsStats stats) {}
