package io.slb.dataplane.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.slb.core.Backend;
import io.slb.core.Protocol;
import io.slb.dataplane.TrafficStats;
import java.net.BindException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Service is one load balancer served by the proxy: its listener on VIP:port, its live upstreams
 * with their scheduler, the upstreams still draining, and its counters. {@link #apply} updates it
 * in place (connections stay up) and rebinds only when the VIP, port or protocol changed.
 * Thread safe; applies for one load balancer are not run concurrently (see Dataplane).
 */
final class Service {
    private static final Logger LOG = LogManager.getLogger();

    private final UUID uuid;
    private final Transport transport;
    private final IdleCloser idleCloser;
    private final TrafficCounters total = new TrafficCounters(null);
    private final Set<Upstream> draining = ConcurrentHashMap.newKeySet();
    private final ChannelHandler tcpChild = new TcpChild();
    private volatile Pool pool = Pool.empty();
    private volatile @Nullable Listener listener;
    private volatile boolean closed;

    Service(UUID uuid, Transport transport, IdleCloser idleCloser) {
        this.uuid = uuid;
        this.transport = transport;
        this.idleCloser = idleCloser;
    }

    UUID uuid() {
        return uuid;
    }

    /** Makes this service match {@code spec}: backends and scheduler now, then the listener. */
    Mono<Void> apply(ServiceSpec spec) {
        return Mono.fromRunnable(() -> updateBackends(spec)).then(Mono.defer(() -> listen(spec)));
    }

    /** Returns the upstream for a new connection from {@code client}, or null if none is available. */
    @Nullable Upstream pick(InetAddress client, Set<Upstream> tried) {
        return pool.scheduler().pick(client, tried);
    }

    /** Closes the listener and drains every upstream within the drain bound. */
    Mono<Void> close() {
        closed = true;
        Listener current = listener;
        listener = null;
        List<Upstream> live = pool.live();
        pool = Pool.empty();
        live.forEach(this::drain);
        if (current == null) {
            return Mono.empty();
        }
        LOG.info("load balancer {}: closed {}", uuid, current.spec().listenerName());
        return current.bound().unbind();
    }

    /** Closes the listener and every connection now. */
    void closeNow() {
        closed = true;
        Listener current = listener;
        if (current != null) {
            current.bound().unbind().subscribe();
        }
        pool.live().forEach(Upstream::closeAll);
        draining.forEach(Upstream::closeAll);
    }

    /** Returns the counters: in total, and per backend for live and draining backends. */
    TrafficStats stats() {
        Map<UUID, TrafficStats.Counters> backends = new HashMap<>();
        draining.forEach(upstream -> backends.put(upstream.uuid(), upstream.counters().snapshot()));
        pool.live().forEach(upstream -> backends.put(upstream.uuid(), upstream.counters().snapshot()));
        return new TrafficStats(total.snapshot(), backends);
    }

    private synchronized void updateBackends(ServiceSpec spec) {
        List<Upstream> previous = pool.live();
        List<Upstream> live = new ArrayList<>();
        for (Backend backend : spec.backends()) {
            live.add(keepOrCreate(backend, previous));
        }
        pool = new Pool(List.copyOf(live), Scheduler.of(spec.scheduler(), live));
        previous.stream().filter(upstream -> !live.contains(upstream)).forEach(this::drain);
    }

    private Upstream keepOrCreate(Backend backend, List<Upstream> previous) {
        for (Upstream upstream : previous) {
            if (upstream.uuid().equals(backend.uuid()) && upstream.sameEndpoint(backend)) {
                upstream.update(backend);
                return upstream;
            }
        }
        for (Upstream upstream : draining) {
            if (upstream.uuid().equals(backend.uuid()) && upstream.sameEndpoint(backend) && upstream.undrain()) {
                draining.remove(upstream);
                upstream.update(backend);
                LOG.info("load balancer {}: backend {} ({}) back, drain stopped", uuid, upstream.uuid(),
                        upstream.address());
                return upstream;
            }
        }
        return new Upstream(backend, total);
    }

    private void drain(Upstream upstream) {
        draining.add(upstream);
        upstream.drain(transport.group().next(), transport.options().drainTimeout(), () -> {
            draining.remove(upstream);
            LOG.info("load balancer {}: backend {} ({}) drained", uuid, upstream.uuid(), upstream.address());
        });
    }

    private Mono<Void> listen(ServiceSpec spec) {
        Listener current = listener;
        if (current != null && current.spec().sameListener(spec) && current.bound().isOpen()) {
            listener = new Listener(spec, current.bound());
            return Mono.empty();
        }
        return bind(spec)
                .onErrorMap(cause -> bindFailure(spec, cause))
                .doOnNext(bound -> swapListener(spec, bound))
                .then();
    }

    /** Binds the listener: the epoll relay's own for TCP on epoll, a Netty channel otherwise. */
    private Mono<Bound> bind(ServiceSpec spec) {
        if (spec.protocol() == Protocol.TCP && transport.epoll()) {
            return EpollTcpListener.listen(transport, spec.vip(), this);
        }
        ChannelFuture bound = spec.protocol() == Protocol.TCP
                ? transport.listenTcp(spec.vip(), tcpChild)
                : transport.listenUdp(spec.vip(), new UdpFrontend(this, transport, idleCloser));
        return Futures.channel(bound).map(ChannelBound::new);
    }

    private synchronized void swapListener(ServiceSpec spec, Bound bound) {
        if (closed) {
            bound.unbind().subscribe();
            return;
        }
        Listener old = listener;
        listener = new Listener(spec, bound);
        LOG.info("load balancer {} ({}): listening on {} with {}", spec.name(), uuid, spec.listenerName(),
                transport.name());
        if (old != null) {
            old.bound().unbind().subscribe();
            LOG.info("load balancer {}: closed {} (moved)", uuid, old.spec().listenerName());
        }
    }

    private static Throwable bindFailure(ServiceSpec spec, Throwable cause) {
        BindException failure = new BindException("load balancer " + spec.name() + " (" + spec.uuid()
                + "): cannot listen on " + spec.listenerName() + ": " + cause.getMessage());
        failure.initCause(cause);
        return failure;
    }

    /** Pool is the live upstreams, in the load balancer's order, with a scheduler over them. */
    private record Pool(List<Upstream> live, Scheduler scheduler) {
        static Pool empty() {
            return new Pool(List.of(), Scheduler.of(Scheduler.SUPPORTED.get(0), List.of()));
        }
    }

    /** Listener is what is bound and the spec it was bound for. */
    private record Listener(ServiceSpec spec, Bound bound) {}

    /** Bound is a listening socket: a Netty channel, or the epoll relay's own listener. */
    interface Bound {
        boolean isOpen();

        /** Stops listening (connections already accepted go on); completes once the socket is closed. */
        Mono<Void> unbind();
    }

    /** ChannelBound is a listening Netty channel (UDP, or TCP without epoll). */
    private record ChannelBound(Channel channel) implements Bound {
        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public Mono<Void> unbind() {
            return Futures.done(channel.close());
        }
    }

    /** TcpChild sets up each accepted connection with its frontend (which starts its idle timer). */
    @ChannelHandler.Sharable
    private final class TcpChild extends ChannelInitializer<Channel> {
        @Override
        protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new TcpFrontend(Service.this, transport));
        }
    }
}
