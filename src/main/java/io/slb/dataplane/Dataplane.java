package io.slb.dataplane;

import io.slb.core.LoadBalancer;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * Dataplane programs load balancers into something that moves packets (the kernel's IPVS, a
 * userspace proxy). Every method is level-triggered and idempotent: it makes the world match its
 * argument, whatever the world held before, so the reconciler may call it again after any failure.
 * Methods return cold Monos; nothing happens until subscription. Implementations are thread safe,
 * but the reconciler never runs two calls for the same load balancer at once.
 */
public interface Dataplane extends AutoCloseable {
    /** Returns the mechanism's name as {@code --dataplane} spells it. */
    String name();

    /**
     * Makes {@code lb} (which has an address) served exactly as described: its service with its
     * scheduler and protocol, and exactly its backends with their weights and forward methods.
     */
    Mono<Void> apply(LoadBalancer lb);

    /** Removes everything {@code lb} had programmed; succeeds if nothing was there. */
    Mono<Void> remove(LoadBalancer lb);

    /**
     * Removes whatever this data plane serves that is not one of {@code desired} (left over from a
     * crash or made by hand); called at start-up and on every periodic resync.
     */
    Mono<Void> retainOnly(Collection<LoadBalancer> desired);

    /** Returns traffic counters for a load balancer, if this data plane keeps them. */
    default Optional<TrafficStats> stats(UUID loadBalancer) {
        return Optional.empty();
    }

    /** Stops serving and frees resources; what was programmed into the kernel stays. */
    @Override
    void close();
}
