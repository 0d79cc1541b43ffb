package io.slb.core;

import io.slb.ipam.AddressPools;
import io.slb.ipam.IpAddresses;
import java.net.InetAddress;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pcollections.HashPMap;
import org.pcollections.HashTreePMap;
import org.pcollections.OrderedPMap;
import org.pcollections.TreePSet;

/**
 * SlbState is the fold of every event so far: the load balancers in creation order, the addresses
 * they hold, the external provider's id for each externally granted address ({@code addressRefs},
 * by load balancer), the addresses of deleted load balancers the provider has not yet confirmed
 * given back ({@code pendingReleases}, by load balancer, oldest first), and the journal position of
 * the last event folded in. Immutable; {@link Decider#evolve} returns a new one.
 *
 * <p>NB: the collections are persistent (pcollections): a change shares everything it does not touch,
 * so folding one event costs O(log n) whatever the number of load balancers, not a copy of them all.
 */
public record SlbState(
        Map<UUID, LoadBalancer> loadBalancers,
        Set<InetAddress> addressesInUse,
        Map<UUID, String> addressRefs,
        Map<UUID, PendingRelease> pendingReleases,
        long position) {
    public static final SlbState EMPTY = new SlbState(Map.of(), Set.of(), Map.of(), Map.of(), 0);

    public SlbState {
        loadBalancers = ordered(loadBalancers);
        addressesInUse = AddressPools.sorted(addressesInUse);
        addressRefs = addressRefs instanceof HashPMap<UUID, String> refs ? refs : HashTreePMap.from(addressRefs);
        pendingReleases = ordered(pendingReleases);
    }

    private static <V> OrderedPMap<UUID, V> ordered(Map<UUID, V> map) {
        return map instanceof OrderedPMap<UUID, V> persistent ? persistent : OrderedPMap.from(map);
    }

    /** Returns the state holding {@code lbs} (in this order) as of journal {@code position}. */
    public static SlbState of(Collection<LoadBalancer> lbs, long position) {
        return of(lbs, Map.of(), Map.of(), position);
    }

    /** Returns the state holding {@code lbs} (in this order), their address refs and pending releases. */
    public static SlbState of(Collection<LoadBalancer> lbs, Map<UUID, String> refs,
                              Map<UUID, PendingRelease> pending, long position) {
        OrderedPMap<UUID, LoadBalancer> map = OrderedPMap.empty();
        TreePSet<InetAddress> inUse = TreePSet.empty(IpAddresses.ORDER);
        for (LoadBalancer lb : lbs) {
            map = map.plus(lb.uuid(), lb);
            if (lb.eip() != null) {
                inUse = inUse.plus(lb.eip());
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

    private OrderedPMap<UUID, LoadBalancer> lbs() {
        return (OrderedPMap<UUID, LoadBalancer>) loadBalancers;
    }

    private TreePSet<InetAddress> inUse() {
        return (TreePSet<InetAddress>) addressesInUse;
    }

    private HashPMap<UUID, String> refs() {
        return (HashPMap<UUID, String>) addressRefs;
    }

    private OrderedPMap<UUID, PendingRelease> pending() {
        return (OrderedPMap<UUID, PendingRelease>) pendingReleases;
    }

    SlbState put(LoadBalancer lb, long at) {
        LoadBalancer previous = loadBalancers.get(lb.uuid());
        InetAddress oldEip = previous == null ? null : previous.eip();
        TreePSet<InetAddress> used = inUse();
        if (oldEip != null && !oldEip.equals(lb.eip())) {
            used = used.minus(oldEip);
        }
        if (lb.eip() != null) {
            used = used.plus(lb.eip());
        }
        return new SlbState(lbs().plus(lb.uuid(), lb), used, addressRefs, pendingReleases, at);
    }

    SlbState withAddressRef(UUID uuid, String ref, long at) {
        return new SlbState(loadBalancers, addressesInUse, refs().plus(uuid, ref), pendingReleases, at);
    }

    /** Removes {@code uuid}; {@code release}, when given, is recorded as pending for it. */
    SlbState remove(UUID uuid, @Nullable PendingRelease release, long at) {
        LoadBalancer gone = loadBalancers.get(uuid);
        if (gone == null) {
            return withPosition(at);
        }
        TreePSet<InetAddress> used = gone.eip() == null ? inUse() : inUse().minus(gone.eip());
        OrderedPMap<UUID, PendingRelease> waiting = release == null ? pending() : pending().plus(uuid, release);
        return new SlbState(lbs().minus(uuid), used, refs().minus(uuid), waiting, at);
    }

    SlbState released(UUID uuid, long at) {
        if (!pendingReleases.containsKey(uuid)) {
            return withPosition(at);
        }
        return new SlbState(loadBalancers, addressesInUse, addressRefs, pending().minus(uuid), at);
    }

    SlbState withPosition(long at) {
        return new SlbState(loadBalancers, addressesInUse, addressRefs, pendingReleases, at);
    }
}
