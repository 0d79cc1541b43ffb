package io.slb.core;

import java.net.InetAddress;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * SlbState is the fold of every event so far: the load balancers in creation order, the addresses
 * they hold, and the journal position of the last event folded in. Immutable; {@link Decider#evolve}
 * returns a new one.
 */
public record SlbState(Map<UUID, LoadBalancer> loadBalancers, Set<InetAddress> addressesInUse, long position) {
    public static final SlbState EMPTY = new SlbState(Map.of(), Set.of(), 0);

    public SlbState {
        // NB: copyOf of a LinkedHashMap loses its order, so order is kept by wrapping a private copy.
        loadBalancers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(loadBalancers));
        addressesInUse = Set.copyOf(addressesInUse);
    }

    /** Returns the state holding {@code lbs} (in this order) as of journal {@code position}. */
    public static SlbState of(Collection<LoadBalancer> lbs, long position) {
        Map<UUID, LoadBalancer> map = new LinkedHashMap<>();
        Set<InetAddress> inUse = new HashSet<>();
        for (LoadBalancer lb : lbs) {
            map.put(lb.uuid(), lb);
            if (lb.eip() != null) {
                inUse.add(lb.eip());
            }
        }
        return new SlbState(map, inUse, position);
    }

    public Optional<LoadBalancer> find(UUID uuid) {
        return Optional.ofNullable(loadBalancers.get(uuid));
    }

    public Collection<LoadBalancer> all() {
        return loadBalancers.values();
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
        return new SlbState(next, inUse, at);
    }

    SlbState remove(UUID uuid, long at) {
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
        return new SlbState(next, inUse, at);
    }

    SlbState withPosition(long at) {
        return new SlbState(loadBalancers, addressesInUse, at);
    }
}
