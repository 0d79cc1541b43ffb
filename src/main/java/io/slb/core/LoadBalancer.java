package io.slb.core;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * LoadBalancer is one virtual service: a name, a virtual IP ({@code eip}, null until an address is
 * assigned), a port and protocol, a scheduler and its backends in the order they were added.
 * Instances are immutable; the {@code with*} methods return changed copies.
 */
public record LoadBalancer(
        UUID uuid,
        String name,
        @Nullable InetAddress eip,
        int port,
        Protocol protocol,
        String scheduler,
        List<Backend> backends,
        Status status,
        Instant createdAt) {

    public LoadBalancer {
        backends = List.copyOf(backends);
    }

    /** Returns the backend with this uuid, if any. */
    public Optional<Backend> backend(UUID backendUuid) {
        return backends.stream().filter(b -> b.uuid().equals(backendUuid)).findFirst();
    }

    /** Returns the backend listening on ip:port, if any. */
    public Optional<Backend> backendAt(InetAddress ip, int backendPort) {
        return backends.stream().filter(b -> b.sameEndpoint(ip, backendPort)).findFirst();
    }

    public LoadBalancer withEip(@Nullable InetAddress address) {
        return new LoadBalancer(uuid, name, address, port, protocol, scheduler, backends, status, createdAt);
    }

    public LoadBalancer withStatus(Status newStatus) {
        return new LoadBalancer(uuid, name, eip, port, protocol, scheduler, backends, newStatus, createdAt);
    }

    public LoadBalancer withBackend(Backend backend) {
        List<Backend> more = new ArrayList<>(backends);
        more.add(backend);
        return new LoadBalancer(uuid, name, eip, port, protocol, scheduler, more, status, createdAt);
    }

    public LoadBalancer withoutBackend(UUID backendUuid) {
        List<Backend> fewer = backends.stream().filter(b -> !b.uuid().equals(backendUuid)).toList();
        return new LoadBalancer(uuid, name, eip, port, protocol, scheduler, fewer, status, createdAt);
    }
}
