package io.slb.core;

import java.net.InetAddress;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Command is a request to change slb's state. Commands are validated field by field at the edge
 * (the API); {@link Decider#decide} checks the rules that need state (existence, duplicates,
 * address pools). Identifiers and time arrive inside the command, so deciding is deterministic.
 */
public sealed interface Command {
    /** The load balancer this command is about. */
    UUID loadBalancer();

    /** CreateLoadBalancer creates a load balancer; {@code wantedEip} asks for a specific address. */
    record CreateLoadBalancer(
            UUID loadBalancer,
            String name,
            int port,
            Protocol protocol,
            String scheduler,
            @Nullable InetAddress wantedEip,
            Instant at) implements Command {}

    /** DeleteLoadBalancer deletes a load balancer and returns its address to the pool. */
    record DeleteLoadBalancer(UUID loadBalancer, Instant at) implements Command {}

    /** AddBackend adds a backend; ip:port must be new for this load balancer. */
    record AddBackend(UUID loadBalancer, Backend backend, Instant at) implements Command {}

    /** RemoveBackend removes one backend by its uuid. */
    record RemoveBackend(UUID loadBalancer, UUID backend, Instant at) implements Command {}

    /**
     * AssignAddress records the address an external provider granted: {@code ref} is the provider's
     * id for it (a reservation id), needed to give it back.
     */
    record AssignAddress(UUID loadBalancer, InetAddress eip, String source, @Nullable String ref, Instant at)
            implements Command {}

    /** ConfirmRelease records that the provider gave back the address a deleted load balancer held. */
    record ConfirmRelease(UUID loadBalancer, Instant at) implements Command {}

    /** ReportStatus records what the reconciler found; it yields no event if nothing changed. */
    record ReportStatus(UUID loadBalancer, Status status, Instant at) implements Command {}
}
