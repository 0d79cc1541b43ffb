/**
 * Layer 3 announcements: {@link io.slb.announce.bgp.GobgpAnnouncer} drives a gobgpd 3.x over its gRPC
 * API (our own subset of {@code apipb.GobgpApi}, generated from {@code src/main/proto}) and advertises
 * every VIP as a /32 (/128) path to the configured peers, reconciling after gobgpd restarts.
 */
@NullMarked
package io.slb.announce.bgp;

import org.jspecify.annotations.NullMarked;
