/**
 * The reconciler: it follows the event bus and, per load balancer, makes the world match the
 * journal through the {@link io.slb.pipeline.AddressProvider}, the data plane and the announcer,
 * each stage with a timeout and retry with backoff, reporting results as status events.
 */
@NullMarked
package io.slb.pipeline;

import org.jspecify.annotations.NullMarked;
