/**
 * The data plane seam: {@link io.slb.dataplane.Dataplane} makes packets to a load balancer's
 * VIP:port reach its backends. Implementations live in sub-packages, one per mechanism.
 */
@NullMarked
package io.slb.dataplane;

import org.jspecify.annotations.NullMarked;
