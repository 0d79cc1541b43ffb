package io.slb.dataplane.proxy;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.slb.core.Backend;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Upstream is one backend as the proxy sees it: its current {@link Backend} (the weight may change
 * in place), its counters and the connections open to it. A removed upstream drains: it takes no new
 * connections, and the ones still open are closed once the drain bound passes. Thread safe.
 */
final class Upstream {
    private static final Logger LOG = LogManager.getLogger();

    private final InetSocketAddress address;
    private final TrafficCounters counters;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile Backend backend;
    private @Nullable ScheduledFuture<?> drainDeadline;
    private @Nullable Runnable onDrained;
    private boolean closed;

    Upstream(Backend backend, TrafficCounters parent) {
        this.backend = backend;
        this.address = new InetSocketAddress(backend.ip(), backend.port());
        this.counters = new TrafficCounters(parent);
    }

    Backend backend() {
        return backend;
    }

    UUID uuid() {
        return backend.uuid();
    }

    int weight() {
        return backend.weight();
    }

    InetSocketAddress address() {
        return address;
    }

    TrafficCounters counters() {
        return counters;
    }

    /** Returns connections (TCP) or sessions (UDP) now open to this backend. */
    long active() {
        return counters.active();
    }

    /** Returns true if {@code other} has this upstream's ip:port, so it can take its place. */
    boolean sameEndpoint(Backend other) {
        return backend.sameEndpoint(other.ip(), other.port());
    }

    /** Takes a new weight (or forward method) for the same endpoint; open connections are kept. */
    void update(Backend changed) {
        this.backend = changed;
    }

    /**
     * Counts {@code channel} (to this backend) until it closes. Returns false, and closes the
     * channel, if this upstream was already closed by its drain bound.
     */
    boolean track(Channel channel) {
        Link link = channel::close;
        if (!track(link)) {
            channel.close();
            return false;
        }
        channel.closeFuture().addListener(f -> untrack(link));
        return true;
    }

    /**
     * Counts {@code link} (to this backend) until {@link #untrack} is called for it. Returns false,
     * and leaves the link alone, if this upstream was already closed by its drain bound.
     */
    boolean track(Link link) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            links.add(link);
        }
        counters.opened();
        return true;
    }

    /** Stops counting a link that {@link #track(Link)} accepted; it has closed. */
    void untrack(Link link) {
        counters.closed();
        Runnable done;
        synchronized (this) {
            links.remove(link);
            if (onDrained == null || !links.isEmpty()) {
                return;
            }
            done = finishDrain();
        }
        done.run();
    }

    /**
     * Starts draining: {@code onDrained} runs once no channel is left, at the latest {@code bound}
     * from now, when the remaining ones are closed. Calling it again while draining does nothing.
     */
    void drain(EventExecutor timer, Duration bound, Runnable drained) {
        Runnable done;
        synchronized (this) {
            if (onDrained != null) {
                return;
            }
            onDrained = drained;
            if (!links.isEmpty()) {
                drainDeadline = timer.schedule(this::closeAll, bound.toNanos(), TimeUnit.NANOSECONDS);
                LOG.info("backend {} ({}) draining {} connections for at most {}",
                        uuid(), address, links.size(), bound);
                return;
            }
            done = finishDrain();
        }
        done.run();
    }

    /** Stops a drain (the backend was added back); returns false if the drain had already ended. */
    boolean undrain() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (drainDeadline != null) {
                drainDeadline.cancel(false);
                drainDeadline = null;
            }
            onDrained = null;
            return true;
        }
    }

    /** Closes every connection to this backend now, and refuses new ones. */
    void closeAll() {
        List<Link> open;
        synchronized (this) {
            closed = true;
            open = List.copyOf(links);
        }
        if (!open.isEmpty()) {
            LOG.info("backend {} ({}) closing {} connections", uuid(), address, open.size());
        }
        open.forEach(Link::close);
    }

    /** Link is one connection (TCP) or session (UDP) open to a backend, which a drain may close. */
    interface Link {
        /** Closes it; from any thread. */
        void close();
    }

    private Runnable finishDrain() {
        closed = true;
        Runnable done = onDrained;
        onDrained = null;
        if (drainDeadline != null) {
            drainDeadline.cancel(false);
        }
        return done == null ? () -> { } : done;
    }
}
