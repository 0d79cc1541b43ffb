/**
 * One final constants class per Linux uapi header slb speaks ({@code NetlinkH} for
 * {@code include/uapi/linux/netlink.h} and so on). Constants keep the kernel's spelling so grep works
 * both ways; each class's Javadoc cites its header.
 */
@NullMarked
package io.slb.netlink.uapi;

import org.jspecify.annotations.NullMarked;
