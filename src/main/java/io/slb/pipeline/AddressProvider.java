package io.slb.pipeline;

import io.slb.core.LoadBalancer;
import java.net.InetAddress;
import reactor.core.publisher.Mono;

/**
 * AddressProvider confirms (or obtains) a load balancer's virtual IP and gives it back on delete.
 * Thread safe; cold Monos.
 */
public interface AddressProvider {
    /** Returns the name for logs and status, as {@code source} in events ({@code ipam}). */
    String name();

    /** Emits the address {@code lb} may use, or fails saying why it may not. */
    Mono<InetAddress> ensure(LoadBalancer lb);

    /** Gives {@code lb}'s address back to wherever it came from; succeeds if already given back. */
    Mono<Void> release(LoadBalancer lb);
}
