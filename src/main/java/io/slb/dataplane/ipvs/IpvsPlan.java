package io.slb.dataplane.ipvs;

import io.slb.dataplane.ipvs.Destination.Endpoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * IpvsPlan computes the changes that turn an observed IPVS table into a desired one. Pure and
 * thread safe. The plan is ordered so the kernel accepts every step: services that should not exist
 * are deleted first; then, per desired service in the given order, it is added (or edited where its
 * scheduler, flags or persistence differ), then its surplus destinations are deleted, changed ones
 * edited and missing ones added. Equal inputs give an empty plan.
 */
public final class IpvsPlan {
    private IpvsPlan() {}

    /**
     * Returns the operations that make {@code actual} equal to {@code desired}. Services are matched
     * by key and destinations by address and port; a service in {@code actual} only is deleted, so
     * pass only the services this plan may touch. Throws IllegalArgumentException if either side
     * holds one key, or one endpoint within a service, twice.
     */
    public static List<IpvsOp> diff(Collection<ServiceState> desired, Collection<ServiceState> actual) {
        Map<VirtualServiceKey, ServiceState> want = index(desired, s -> s.service().key(), "desired service");
        Map<VirtualServiceKey, ServiceState> have = index(actual, s -> s.service().key(), "actual service");
        List<IpvsOp> ops = new ArrayList<>();
        for (VirtualServiceKey key : have.keySet()) {
            if (!want.containsKey(key)) {
                ops.add(new IpvsOp.DelService(key));
            }
        }
        for (ServiceState target : want.values()) {
            ServiceState current = have.get(target.service().key());
            if (current == null) {
                ops.add(new IpvsOp.AddService(target.service()));
            } else if (!current.service().equals(target.service())) {
                ops.add(new IpvsOp.EditService(target.service()));
            }
            List<Destination> existing = current == null ? List.of() : current.destinations();
            diffDestinations(target.service().key(), target.destinations(), existing, ops);
        }
        return List.copyOf(ops);
    }

    private static void diffDestinations(VirtualServiceKey key, List<Destination> desired, List<Destination> actual,
            List<IpvsOp> ops) {
        Map<Endpoint, Destination> want = index(desired, Destination::endpoint, "desired destination of " + key);
        Map<Endpoint, Destination> have = index(actual, Destination::endpoint, "actual destination of " + key);
        have.forEach((endpoint, d) -> {
            if (!want.containsKey(endpoint)) {
                ops.add(new IpvsOp.DelDestination(key, d));
            }
        });
        want.forEach((endpoint, d) -> {
            Destination current = have.get(endpoint);
            if (current == null) {
                ops.add(new IpvsOp.AddDestination(key, d));
            } else if (!current.equals(d)) {
                ops.add(new IpvsOp.EditDestination(key, d));
            }
        });
    }

    private static <K, V> Map<K, V> index(Collection<V> values, Function<V, K> keyOf, String what) {
        Map<K, V> map = new LinkedHashMap<>();
        for (V v : values) {
            if (map.putIfAbsent(keyOf.apply(v), v) != null) {
                throw new IllegalArgumentException(what + ": " + keyOf.apply(v) + " twice (expected: once)");
            }
        }
        return map;
    }
}
