/**
 * The IPVS data plane: the kernel's IP Virtual Server programmed over generic netlink. A pure codec
 * ({@link io.slb.dataplane.ipvs.IpvsCodec}) and planner ({@link io.slb.dataplane.ipvs.IpvsPlan}) sit
 * under {@link io.slb.dataplane.ipvs.IpvsClient}, which runs every command through one execute, and
 * {@link io.slb.dataplane.ipvs.IpvsDataplane}, which reconciles load balancers level-triggered.
 */
@NullMarked
package io.slb.dataplane.ipvs;

import org.jspecify.annotations.NullMarked;
