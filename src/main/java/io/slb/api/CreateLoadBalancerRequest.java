package io.slb.api;

import io.slb.core.Command.CreateLoadBalancer;
import io.slb.core.Protocol;
import java.net.InetAddress;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * CreateLoadBalancerRequest is a validated {@code POST /loadbalancer} body with defaults applied:
 * {@code protocol} tcp, {@code scheduler} rr, and {@code eip} null meaning "any free address".
 */
public record CreateLoadBalancerRequest(
        String name, int port, Protocol protocol, String scheduler, @Nullable InetAddress eip) {

    /** Returns the command that creates this load balancer as {@code uuid} at {@code at}. */
    public CreateLoadBalancer toCommand(UUID uuid, Instant at) {
        return new CreateLoadBalancer(uuid, name, port, protocol, scheduler, eip, at);
    }
}
