package io.slb.dataplane.proxy;

import static java.util.Objects.requireNonNull;

import io.slb.core.LoadBalancer;
import io.slb.dataplane.Dataplane;
import io.slb.dataplane.TrafficStats;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * ProxyDataplane serves load balancers from userspace: a Netty layer-4 proxy listening on each
 * VIP:port (TCP or UDP) and relaying to the backends with IPVS's rr, wrr, lc, wlc or sh scheduler.
 * It needs no root, so it is the default when IPVS is unavailable; it can only proxy, so backends
 * must use MASQ. Apply fails with {@link IllegalArgumentException} for what it cannot serve and with
 * {@link java.net.BindException} (naming the VIP:port) when it cannot listen.
 *
 * <p>The constructor starts no thread; event loops start with the first listener and {@link #close()}
 * stops them and every connection. Thread safe. Equivalent, roughly, to one HAProxy {@code mode tcp}
 * frontend and backend per load balancer.
 */
public final class ProxyDataplane implements Dataplane {
    /** The name {@code --dataplane} uses. */
    public static final String NAME = "proxy";

    private static final Logger LOG = LogManager.getLogger();

    private final Transport transport;
    private final IdleCloser idleCloser = new IdleCloser();
    private final ConcurrentMap<UUID, Service> services = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Creates a proxy data plane with {@code options}; see {@link ProxyOptions#DEFAULTS}. */
    public ProxyDataplane(ProxyOptions options) {
        this.transport = new Transport(requireNonNull(options, "options"));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Returns the I/O mechanism in use: {@code epoll} or {@code nio}. */
    public String transport() {
        return transport.name();
    }

    @Override
    public Mono<Void> apply(LoadBalancer lb) {
        return Mono.defer(() -> {
            requireOpen();
            ServiceSpec spec = ServiceSpec.of(lb);
            Service service = services.computeIfAbsent(lb.uuid(), id -> new Service(id, transport, idleCloser));
            return service.apply(spec);
        });
    }

    @Override
    public Mono<Void> remove(LoadBalancer lb) {
        return Mono.defer(() -> removeService(lb.uuid()));
    }

    @Override
    public Mono<Void> retainOnly(Collection<LoadBalancer> desired) {
        return Mono.defer(() -> {
            Set<UUID> keep = desired.stream().map(LoadBalancer::uuid).collect(Collectors.toUnmodifiableSet());
            List<UUID> extra = services.keySet().stream().filter(id -> !keep.contains(id)).toList();
            return Flux.fromIterable(extra).flatMap(this::removeService).then();
        });
    }

    @Override
    public Optional<TrafficStats> stats(UUID loadBalancer) {
        return Optional.ofNullable(services.get(loadBalancer)).map(Service::stats);
    }

    /**
     * Closes every listener and connection and stops the event loops, waiting a bounded time.
     * Idempotent; must not be called from one of the proxy's own threads.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        services.values().forEach(Service::closeNow);
        services.clear();
        transport.shutdown();
        LOG.info("proxy data plane closed");
    }

    private Mono<Void> removeService(UUID uuid) {
        Service service = services.remove(uuid);
        return service == null ? Mono.empty() : service.close();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("proxy data plane: closed (expected: open)");
        }
    }
}
