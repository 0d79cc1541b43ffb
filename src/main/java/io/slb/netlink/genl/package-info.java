/**
 * Generic netlink on top of {@link io.slb.netlink.NetlinkSocket}: the 4-byte {@code genlmsghdr}
 * ({@link io.slb.netlink.genl.GenlHeader}), family resolution through the "nlctrl" controller
 * ({@link io.slb.netlink.genl.GenlFamily}), and {@link io.slb.netlink.genl.GenlConnection}, which runs
 * every command of one family through one {@code execute}.
 */
@NullMarked
package io.slb.netlink.genl;

import org.jspecify.annotations.NullMarked;
