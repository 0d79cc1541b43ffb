package io.slb.core;

import io.slb.core.Command.AddBackend;
import io.slb.core.Command.AssignAddress;
import io.slb.core.Command.ConfirmRelease;
import io.slb.core.Command.CreateLoadBalancer;
import io.slb.core.Command.DeleteLoadBalancer;
import io.slb.core.Command.RemoveBackend;
import io.slb.core.Command.ReportStatus;
import io.slb.core.Decision.Accepted;
import io.slb.core.Decision.Rejected;
import io.slb.core.Event.AddressAssigned;
import io.slb.core.Event.AddressReleased;
import io.slb.core.Event.BackendAdded;
import io.slb.core.Event.BackendRemoved;
import io.slb.core.Event.LoadBalancerCreated;
import io.slb.core.Event.LoadBalancerDeleted;
import io.slb.core.Event.StatusChanged;
import io.slb.core.Rejection.Kind;
import io.slb.ipam.AddressPools;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Decider holds slb's business rules as two pure functions: {@link #decide} turns a command and the
 * current state into events or a rejection, and {@link #evolve} folds one event into the state.
 * It never throws for a rule violation and never does I/O; its {@link AddressSource} is its only
 * configuration. Thread safe (immutable).
 */
public final class Decider {
    /** The {@code source} of addresses handed out from {@code --ipamRange}. */
    public static final String IPAM_SOURCE = "ipam";

    private final AddressSource source;
    private final AddressPools pools;

    /** Returns a decider handing out addresses from {@code pools} when a load balancer is created. */
    public Decider(AddressPools pools) {
        this(AddressSource.local(pools));
    }

    public Decider(AddressSource source) {
        this.source = source;
        this.pools = source instanceof AddressSource.Local local ? local.pools() : AddressPools.NONE;
    }

    /** Returns the local pools, or {@link AddressPools#NONE} when addresses come from an external source. */
    public AddressPools pools() {
        return pools;
    }

    public AddressSource source() {
        return source;
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
        if (command instanceof AssignAddress c) {
            return assignAddress(state, c);
        }
        if (command instanceof ConfirmRelease c) {
            return confirmRelease(state, c);
        }
        throw new AssertionError("unhandled command " + command.getClass().getName());
    }

    private Decision create(SlbState state, CreateLoadBalancer c) {
        if (state.find(c.loadBalancer()).isPresent()) {
            return reject(Kind.CONFLICT, "uuid", "load balancer " + c.loadBalancer() + " already exists");
        }
        InetAddress wanted = c.wantedEip();
        LoadBalancerCreated created =
                new LoadBalancerCreated(c.loadBalancer(), c.name(), c.port(), c.protocol(), c.scheduler(), c.at());
        if (source instanceof AddressSource.External external) {
            if (wanted != null) {
                return reject(Kind.INVALID, "eip", external.flag() + " chooses addresses; leave out eip");
            }
            return new Accepted(List.of(created));
        }
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
        return new Accepted(List.of(created, new AddressAssigned(c.loadBalancer(), address, IPAM_SOURCE, null, c.at())));
    }

    private Decision assignAddress(SlbState state, AssignAddress c) {
        Optional<LoadBalancer> lb = state.find(c.loadBalancer());
        if (lb.isEmpty()) {
            return notFound(c);
        }
        if (!(source instanceof AddressSource.External)) {
            return reject(Kind.INVALID, "eip", "addresses come from --ipamRange " + describePools()
                    + ", not from " + c.source());
        }
        InetAddress held = lb.get().eip();
        if (held != null) {
            if (held.equals(c.eip()) && Objects.equals(state.addressRef(c.loadBalancer()), c.ref())) {
                return new Accepted(List.of());
            }
            return reject(Kind.CONFLICT, "eip", "load balancer " + c.loadBalancer() + " already has address "
                    + held.getHostAddress());
        }
        if (state.addressesInUse().contains(c.eip())) {
            return reject(Kind.CONFLICT, "eip", "eip " + c.eip().getHostAddress() + " is already in use");
        }
        return new Accepted(List.of(new AddressAssigned(c.loadBalancer(), c.eip(), c.source(), c.ref(), c.at())));
    }

    private Decision confirmRelease(SlbState state, ConfirmRelease c) {
        if (!state.pendingReleases().containsKey(c.loadBalancer())) {
            // Confirmed already (a retried confirmation): nothing left to do.
            return new Accepted(List.of());
        }
        return new Accepted(List.of(new AddressReleased(c.loadBalancer(), c.at())));
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
            return state.remove(e.loadBalancer(), pendingRelease(state, e.loadBalancer()), position);
        }
        if (event instanceof AddressReleased e) {
            return state.released(e.loadBalancer(), position);
        }
        Optional<LoadBalancer> found = state.find(event.loadBalancer());
        if (found.isEmpty()) {
            return state.withPosition(position);
        }
        LoadBalancer lb = found.get();
        if (event instanceof AddressAssigned e) {
            SlbState assigned = state.put(lb.withEip(e.eip()), position);
            String ref = e.ref();
            return ref == null ? assigned : assigned.withAddressRef(e.loadBalancer(), ref, position);
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

    /**
     * Returns what deleting {@code id} leaves to give back: with an external source, its address and
     * ref, or (deleted before its grant was recorded) nothing known, so the provider looks the grant
     * up by the load balancer's uuid. Local addresses need no release.
     */
    private @Nullable PendingRelease pendingRelease(SlbState state, UUID id) {
        Optional<LoadBalancer> lb = state.find(id);
        if (lb.isEmpty() || !(source instanceof AddressSource.External)) {
            return null;
        }
        return new PendingRelease(lb.get().eip(), source.name(), state.addressRef(id));
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
