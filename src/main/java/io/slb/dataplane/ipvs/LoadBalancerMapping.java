package io.slb.dataplane.ipvs;

import io.slb.core.Backend;
import io.slb.core.LoadBalancer;
import java.net.InetAddress;

/** LoadBalancerMapping turns slb's words (load balancer, backend) into IPVS's (service, destination). Pure. */
final class LoadBalancerMapping {
    private LoadBalancerMapping() {}

    /** Returns the key of {@code lb}'s service; throws IllegalArgumentException if it has no address yet. */
    static VirtualServiceKey key(LoadBalancer lb) {
        InetAddress eip = lb.eip();
        if (eip == null) {
            throw new IllegalArgumentException("load balancer " + lb.uuid() + ": no address (expected: an eip)");
        }
        return VirtualServiceKey.Tuple.of(IpProtocol.of(lb.protocol()), eip, lb.port());
    }

    /** Returns the service and destinations that serve {@code lb}. */
    static ServiceState desired(LoadBalancer lb) {
        VirtualService service = VirtualService.of(key(lb), lb.scheduler());
        return new ServiceState(service, lb.backends().stream().map(LoadBalancerMapping::destination).toList());
    }

    private static Destination destination(Backend b) {
        return Destination.of(b.ip(), b.port(), b.type(), b.weight());
    }
}
