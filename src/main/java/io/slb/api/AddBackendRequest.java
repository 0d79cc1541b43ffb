package io.slb.api;

import io.slb.core.Backend;
import io.slb.core.Command.AddBackend;
import io.slb.core.ForwardMethod;
import java.net.InetAddress;
import java.time.Instant;
import java.util.UUID;

/**
 * AddBackendRequest is a validated {@code POST /loadbalancer/{uuid}/backend} body with defaults
 * applied: {@code weight} 1 and {@code type} MASQ.
 */
public record AddBackendRequest(InetAddress ip, int port, int weight, ForwardMethod type) {

    /** Returns this request as a backend identified by {@code uuid}. */
    public Backend toBackend(UUID uuid) {
        return new Backend(uuid, ip, port, weight, type);
    }

    /** Returns the command that adds this backend, as {@code backend}, to {@code loadBalancer}. */
    public AddBackend toCommand(UUID loadBalancer, UUID backend, Instant at) {
        return new AddBackend(loadBalancer, toBackend(backend), at);
    }
}
