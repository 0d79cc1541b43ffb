package io.slb.core;

import java.net.InetAddress;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Event is a fact that happened to slb's state; the journal stores events and state is their fold
 * ({@link Decider#evolve}). Every event names the load balancer it is about and when it happened.
 * NB: events are persisted; renaming a record or a component is a journal format change.
 */
public sealed interface Event {
    UUID loadBalancer();

    Instant at();

    record LoadBalancerCreated(
            UUID loadBalancer, String name, int port, Protocol protocol, String scheduler, Instant at)
            implements Event {}

    /**
     * AddressAssigned gives a load balancer its virtual IP; {@code source} names the provider and
     * {@code ref} is the provider's id for it (null for {@code --ipamRange} addresses).
     */
    record AddressAssigned(UUID loadBalancer, InetAddress eip, String source, @Nullable String ref, Instant at)
            implements Event {}

    record BackendAdded(UUID loadBalancer, Backend backend, Instant at) implements Event {}

    record BackendRemoved(UUID loadBalancer, UUID backend, Instant at) implements Event {}

    record StatusChanged(UUID loadBalancer, Status status, Instant at) implements Event {}

    /**
     * LoadBalancerDeleted removes a load balancer; its address returns to the pool, or, from an
     * external provider, becomes a {@link PendingRelease} until {@link AddressReleased}.
     */
    record LoadBalancerDeleted(UUID loadBalancer, Instant at) implements Event {}

    /** AddressReleased: the provider gave back the address of deleted load balancer {@code loadBalancer}. */
    record AddressReleased(UUID loadBalancer, Instant at) implements Event {}
}
