package io.slb.core;

import java.net.InetAddress;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * SlbState is the fold of every event so far: the load balancers in creation order, the addresses
 * they hold, the external provider's id for each externally granted address ({@code addressRefs},
 * by load balancer), the addresses of deleted load balancers the provider has not yet confirmed
 * given back ({@code pendingReleases}, by load balancer, oldest first), and the journal position of
 * the last event folded in. Immutable; {@link Decider#evolve} returns a new one.
 */
public record SlbState(
        Map<UUID, LoadBalancer> loadBalancers,
        Set<InetAddress> addressesInUse,
        Map<UUID, String> addressRefs,
        Map<UUID, PendingRelease> pendingReleases,
        long position) {
    public static final SlbState EMPTY = new SlbState(Map.of(), Set.of(), Map.of(), Map.of(), 0);

    public SlbState {
        // NB: copyOf of a LinkedHashMap loses its order, so order is kept by wrapping a private copy.
        loadBalancers = Collections.unmodifiableMap(new LinkedHashMap<>(loadBalancers));
        addressesInUse = Set.copyOf(addressesInUse);
        addressRefs = Map.copyOf(addressRefs);
        pendingReleases = Collections.unmodifiableMap(new LinkedHashMap<>(pendingReleases));
    }

    /** Returns the state holding {@code lbs} (in this order) as of journal {@code position}. */
    public static SlbState of(Collection<LoadBalancer> lbs, long position) {
        return of(lbs, Map.of(), Map.of(), position);
    }

    /** Returns the state holding {@code lbs} (in this order), their address refs and pending releases. */
    public static SlbState of(Collection<LoadBalancer> lbs, Map<UUID, String> refs,
                              Map<UUID, PendingRelease> pending, long position) {
        Map<UUID, LoadBalancer> map = new LinkedHashMap<>();
        Set<InetAddress> inUse = new HashSet<>();
        for (LoadBalancer lb : lbs) {
            map.put(lb.uuid(), lb);
            if (lb.eip() != null) {
                inUse.add(lb.eip());
            }
        }
        return new SlbState(map, inUse, refs, pending, position);
    }

    public Optional<LoadBalancer> find(UUID uuid) {
        return Optional.ofNullable(loadBalancers.get(uuid));
    }

    public Collection<LoadBalancer> all() {
        return loadBalancers.values();
    }

    /** Returns the external provider's id for {@code uuid}'s address, or null. */
    public @Nullable String addressRef(UUID uuid) {
        return addressRefs.get(uuid);
    }

    SlbState put(LoadBalancer lb, long at) {
        Map<UUID, LoadBalancer> next = new LinkedHashMap<>(loadBalancers);
        next.put(lb.uuid(), lb);
        Set<InetAddress> inUse = addressesInUse;
        LoadBalancer previous = loadBalancers.get(lb.uuid());
        InetAddress oldEip = previous == null ? null : previous.eip();
        if (oldEip != null && !oldEip.equals(lb.eip()) || lb.eip() != null && !addressesInUse.contains(lb.eip())) {
            Set<InetAddress> changed = new HashSet<>(addressesInUse);
            if (oldEip != null) {
                changed.remove(oldEip);
            }
            if (lb.eip() != null) {
                changed.add(lb.eip());
            }
            inUse = changed;
        }
        return new SlbState(next, inUse, addressRefs, pendingReleases, at);
    }

    SlbState withAddressRef(UUID uuid, String ref, long at) {
        Map<UUID, String> refs = new LinkedHashMap<>(addressRefs);
        refs.put(uuid, ref);
        return new SlbState(loadBalancers, addressesInUse, refs, pendingReleases, at);
    }

    /** Removes {@code uuid}; {@code release}, when given, is recorded as pending for it. */
    SlbState remove(UUID uuid, @Nullable PendingRelease release, long at) {
        LoadBalancer gone = loadBalancers.get(uuid);
        if (gone == null) {
            return withPosition(at);
        }
        Map<UUID, LoadBalancer> next = new LinkedHashMap<>(loadBalancers);
        next.remove(uuid);
        Set<InetAddress> inUse = addressesInUse;
        if (gone.eip() != null) {
            Set<InetAddress> changed = new HashSet<>(addressesInUse);
            changed.remove(gone.eip());
            inUse = changed;
        }
        Map<UUID, String> refs = addressRefs;
        if (refs.containsKey(uuid)) {
            refs = new LinkedHashMap<>(addressRefs);
            refs.remove(uuid);
        }
        Map<UUID, PendingRelease> pending = pendingReleases;
        if (release != null) {
            pending = new LinkedHashMap<>(pendingReleases);
            pending.put(uuid, release);
        }
        return new SlbState(next, inUse, refs, pending, at);
    }

    SlbState released(UUID uuid, long at) {
        if (!pendingReleases.containsKey(uuid)) {
            return withPosition(at);
        }
        Map<UUID, PendingRelease> pending = new LinkedHashMap<>(pendingReleases);
        pending.remove(uuid);
        return new SlbState(loadBalancers, addressesInUse, addressRefs, pending, at);
    }

    SlbState withPosition(long at) {
        return new SlbState(loadBalancers, addressesInUse, addressRefs, pendingReleases, at);
    }
}
