/**
 * The userspace data plane: a Netty layer-4 proxy that listens on each load balancer's VIP:port and
 * relays TCP connections and UDP sessions to its backends with IPVS's schedulers, without root. It
 * is the default when IPVS is unavailable; {@link io.slb.dataplane.proxy.ProxyDataplane} is the
 * entry point and {@link io.slb.dataplane.proxy.ProxyOptions} its tuning.
 */
@NullMarked
package io.slb.dataplane.proxy;

import org.jspecify.annotations.NullMarked;
