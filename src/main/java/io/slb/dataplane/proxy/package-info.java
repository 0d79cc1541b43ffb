/**
 * The userspace data plane: a Netty layer-4 proxy that listens on each load balancer's VIP:port and
 * relays TCP connections and UDP sessions to its backends with IPVS's schedulers, without root. On
 * epoll, TCP runs as {@link io.slb.dataplane.proxy.EpollTcpListener} and
 * {@link io.slb.dataplane.proxy.EpollTcpConnection}: sockets registered directly on Netty's epoll
 * event loops (its {@code IoHandle} API), no channel or pipeline per connection; on NIO, and for UDP,
 * through Netty channels. It is the default when IPVS is unavailable; {@link io.slb.dataplane.proxy.ProxyDataplane} is the
 * entry point and {@link io.slb.dataplane.proxy.ProxyOptions} its tuning.
 */
@NullMarked
package io.slb.dataplane.proxy;

import org.jspecify.annotations.NullMarked;
