/**
 * Netlink in layers, after Go's mdlayher/netlink: {@link io.slb.netlink.NetlinkSocket} sends requests
 * and collects replies (its package-private libc transport is the only code making netlink syscalls),
 * {@link io.slb.netlink.NlMessage} is one message, and {@link io.slb.netlink.AttrWriter} and
 * {@link io.slb.netlink.AttrReader} encode and decode attributes. Failures are
 * {@link io.slb.netlink.NetlinkException}s that name the operation and sequence number.
 */
@NullMarked
package io.slb.netlink;

import org.jspecify.annotations.NullMarked;
