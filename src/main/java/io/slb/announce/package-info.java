/**
 * The announcement seam: {@link io.slb.announce.Announcer} makes a VIP reachable from the network
 * (gratuitous ARP on layer 2, a BGP path on layer 3). Implementations live in sub-packages.
 */
@NullMarked
package io.slb.announce;

import org.jspecify.annotations.NullMarked;
