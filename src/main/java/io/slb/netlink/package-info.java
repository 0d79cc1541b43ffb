/**
 * Netlink in layers, after Go's mdlayher/netlink: {@link io.slb.netlink.NetlinkSocket} (the only class
 * that calls libc) sends requests and collects replies, {@link io.slb.netlink.NlMessage} is one message,
 * and {@link io.slb.netlink.AttrWriter}/{@link io.slb.netlink.AttrReader} encode and decode attributes.
 * Failures are {@link io.slb.netlink.NetlinkException}s that name the operation and sequence number.
 */
@NullMarked
package io.slb.netlink;

import org.jspecify.annotations.NullMarked;
