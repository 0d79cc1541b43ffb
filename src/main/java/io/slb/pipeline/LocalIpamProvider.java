package io.slb.pipeline;

import io.slb.core.LoadBalancer;
import io.slb.core.PendingRelease;
import io.slb.ipam.AddressPools;
import java.net.InetAddress;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * LocalIpamProvider backs addresses from {@code --ipamRange}. The decider hands them out when a
 * load balancer is created (so the journal, not this class, knows who holds what); this stage checks
 * that the address is still inside the configured pools, which it may not be after a restart with a
 * different {@code --ipamRange}. Releasing needs no work: deleting the load balancer frees it (and
 * the decider records no pending release for local addresses).
 */
public final class LocalIpamProvider implements AddressProvider {
    private final AddressPools pools;

    public LocalIpamProvider(AddressPools pools) {
        this.pools = pools;
    }

    @Override
    public String name() {
        return "ipam";
    }

    @Override
    public Mono<Grant> ensure(LoadBalancer lb) {
        InetAddress eip = lb.eip();
        if (eip == null) {
            return Mono.error(new IllegalStateException("load balancer " + lb.uuid() + " has no address yet"));
        }
        if (!pools.contains(eip)) {
            return Mono.error(new IllegalStateException("eip " + eip.getHostAddress()
                    + " is outside --ipamRange " + pools + "; delete and re-create the load balancer, or widen the range"));
        }
        return Mono.just(new Grant(eip, null));
    }

    @Override
    public Mono<Void> release(UUID loadBalancer, PendingRelease release) {
        return Mono.empty();
    }
}
