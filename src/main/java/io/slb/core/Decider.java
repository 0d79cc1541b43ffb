package io.slb.core;

import io.slb.core.Command.AddBackend;
import io.slb.core.Command.CreateLoadBalancer;
import io.slb.core.Command.DeleteLoadBalancer;
import io.slb.core.Command.RemoveBackend;
import io.slb.core.Command.ReportStatus;
import io.slb.core.Decision.Accepted;
import io.slb.core.Decision.Rejected;
import io.slb.core.Event.AddressAssigned;
import io.slb.core.Event.BackendAdded;
import io.slb.core.Event.BackendRemoved;
import io.slb.core.Event.LoadBalancerCreated;
import io.slb.core.Event.LoadBalancerDeleted;
import io.slb.core.Event.StatusChanged;
import io.slb.core.Rejection.Kind;
import io.slb.ipam.AddressPools;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decider holds slb's business rules as two pure functions: {@link #decide} turns a command and the
 * current state into events or a rejection, and {@link #evolve} folds one event into the state.
 * It never throws for a rule violation and never does I/O; the address pools are its only
 * configuration. Thread safe (immutable).
 */
public final class Decider {
    /** The {@code source} of addresses handed out from {@code --ipamRange}. */
    public static final String IPAM_SOURCE = "ipam";

    private final AddressPools pools;

    public Decider(AddressPools pools) {
        this.pools = pools;
    }

    public AddressPools pools() {
        return pools;
    }

    /** Returns the events {@code command} causes in {@code state}, or why it is refused. */
    public Decision decide(SlbState state, Command command) {
        if (command instanceof CreateLoadBalancer c) {
            return create(state, c);
        }
        if (command instanceof DeleteLoadBalancer c) {
            return delete(state, c);
        }
        if (command instanceof AddBackend c) {
            return addBackend(state, c);
        }
        if (command instanceof RemoveBackend c) {
            return removeBackend(state, c);
        }
        if (command instanceof ReportStatus c) {
            return reportStatus(state, c);
        }
        throw new AssertionError("unhandled command " + command.getClass().getName());
    }

    private Decision create(SlbState state, CreateLoadBalancer c) {
        if (state.find(c.loadBalancer()).isPresent()) {
            return reject(Kind.CONFLICT, "uuid", "load balancer " + c.loadBalancer() + " already exists");
        }
        InetAddress wanted = c.wantedEip();
        InetAddress address;
        if (wanted != null) {
            if (!pools.contains(wanted)) {
                return reject(Kind.INVALID, "eip", "eip " + wanted.getHostAddress()
                        + " is not in any address pool (--ipamRange " + describePools() + ")");
            }
            if (state.addressesInUse().contains(wanted)) {
                return reject(Kind.CONFLICT, "eip", "eip " + wanted.getHostAddress() + " is already in use");
            }
            address = wanted;
        } else {
            Optional<InetAddress> free = pools.lowestFree(state.addressesInUse());
            if (free.isEmpty()) {
                return reject(Kind.EXHAUSTED, null, pools.isEmpty()
                        ? "no address pool is configured (start slb server with --ipamRange)"
                        : "every address of --ipamRange " + describePools() + " is in use");
            }
            address = free.get();
        }
        return new Accepted(List.of(
                new LoadBalancerCreated(c.loadBalancer(), c.name(), c.port(), c.protocol(), c.scheduler(), c.at()),
                new AddressAssigned(c.loadBalancer(), address, IPAM_SOURCE, c.at())));
    }

    private String describePools() {
        return pools.isEmpty() ? "(none)" : pools.toString();
    }

    private Decision delete(SlbState state, DeleteLoadBalancer c) {
        if (state.find(c.loadBalancer()).isEmpty()) {
            return notFound(c);
        }
        return new Accepted(List.of(new LoadBalancerDeleted(c.loadBalancer(), c.at())));
    }

    private Decision addBackend(SlbState state, AddBackend c) {
        Optional<LoadBalancer> lb = state.find(c.loadBalancer());
        if (lb.isEmpty()) {
            return notFound(c);
        }
        Backend b = c.backend();
        Optional<Backend> clash = lb.get().backendAt(b.ip(), b.port());
        if (clash.isPresent()) {
            return reject(Kind.CONFLICT, "ip", "backend " + endpoint(b.ip(), b.port())
                    + " already exists as " + clash.get().uuid());
        }
        if (lb.get().backend(b.uuid()).isPresent()) {
            return reject(Kind.CONFLICT, "uuid", "backend " + b.uuid() + " already exists");
        }
        return new Accepted(List.of(new BackendAdded(c.loadBalancer(), b, c.at())));
    }

    private Decision removeBackend(SlbState state, RemoveBackend c) {
        Optional<LoadBalancer> lb = state.find(c.loadBalancer());
        if (lb.isEmpty()) {
            return notFound(c);
        }
        if (lb.get().backend(c.backend()).isEmpty()) {
            return reject(Kind.NOT_FOUND, null,
                    "load balancer " + c.loadBalancer() + " has no backend " + c.backend());
        }
        return new Accepted(List.of(new BackendRemoved(c.loadBalancer(), c.backend(), c.at())));
    }

    private Decision reportStatus(SlbState state, ReportStatus c) {
        Optional<LoadBalancer> lb = state.find(c.loadBalancer());
        if (lb.isEmpty()) {
            // The reconciler raced a delete; there is nothing to report on.
            return new Accepted(List.of());
        }
        if (lb.get().status().equals(c.status())) {
            return new Accepted(List.of());
        }
        return new Accepted(List.of(new StatusChanged(c.loadBalancer(), c.status(), c.at())));
    }

    /**
     * Returns {@code state} with {@code event} folded in at journal {@code position}. Total: an
     * event that no longer applies (about a load balancer that is gone) changes only the position,
     * so replaying any journal never throws.
     */
    public SlbState evolve(SlbState state, Event event, long position) {
        if (event instanceof LoadBalancerCreated e) {
            return state.put(new LoadBalancer(e.loadBalancer(), e.name(), null, e.port(), e.protocol(),
                    e.scheduler(), List.of(), Status.PENDING, e.at()), position);
        }
        if (event instanceof LoadBalancerDeleted e) {
            return state.remove(e.loadBalancer(), position);
        }
        Optional<LoadBalancer> found = state.find(event.loadBalancer());
        if (found.isEmpty()) {
            return state.withPosition(position);
        }
        LoadBalancer lb = found.get();
        if (event instanceof AddressAssigned e) {
            return state.put(lb.withEip(e.eip()), position);
        }
        if (event instanceof BackendAdded e) {
            return state.put(lb.withBackend(e.backend()), position);
        }
        if (event instanceof BackendRemoved e) {
            return state.put(lb.withoutBackend(e.backend()), position);
        }
        if (event instanceof StatusChanged e) {
            return state.put(lb.withStatus(e.status()), position);
        }
        throw new AssertionError("unhandled event " + event.getClass().getName());
    }

    private static Decision notFound(Command c) {
        return reject(Kind.NOT_FOUND, null, "no load balancer " + c.loadBalancer());
    }

    private static Decision reject(Kind kind, @Nullable String field, String detail) {
        return new Rejected(new Rejection(kind, field, detail));
    }

    private static String endpoint(InetAddress ip, int port) {
        String host = ip.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
