package io.slb.dataplane.ipvs;

import io.slb.core.Backend;
import io.slb.core.ForwardMethod;
import io.slb.core.LoadBalancer;
import io.slb.core.Protocol;
import io.slb.core.Status;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** LoadBalancers builds load balancers for IPVS tests. */
final class LoadBalancers {
    private LoadBalancers() {}

    static LoadBalancer lb(String eip, int port, Protocol protocol, String scheduler, Backend... backends) {
        return new LoadBalancer(UUID.randomUUID(), "lb-" + port, IpvsClientKernelTest.ip(eip), port, protocol, scheduler,
                List.of(backends), Status.ACTIVE, Instant.EPOCH);
    }

    static Backend backend(String ip, int port, int weight, ForwardMethod type) {
        InetAddress address = IpvsClientKernelTest.ip(ip);
        return new Backend(UUID.nameUUIDFromBytes((ip + ":" + port).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                address, port, weight, type);
    }
}
