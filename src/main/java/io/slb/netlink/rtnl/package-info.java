/**
 * rtnetlink (NETLINK_ROUTE) for the links and addresses slb needs: {@link io.slb.netlink.rtnl.RtnlConnection}
 * runs the requests and returns plain records ({@link io.slb.netlink.rtnl.Link},
 * {@link io.slb.netlink.rtnl.IfAddress}); {@code RtnlCodec} holds the wire layouts.
 */
@NullMarked
package io.slb.netlink.rtnl;

import org.jspecify.annotations.NullMarked;
