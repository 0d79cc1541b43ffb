package io.slb.pipeline;

import io.slb.core.LoadBalancer;
import io.slb.core.PendingRelease;
import java.net.InetAddress;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * AddressProvider confirms or obtains a load balancer's virtual IP and gives addresses back after
 * delete. Local providers confirm the address the decider handed out; external ones obtain one for a
 * load balancer that has none yet, and the reconciler records the grant ({@code AssignAddress}).
 * A failure that retrying cannot fix (bad credentials, approval required) is signalled as a
 * {@link PermanentFailureException}, which the reconciler reports without retrying. Thread safe;
 * cold Monos.
 */
public interface AddressProvider {
    /** Returns the name for logs and status, as {@code source} in events ({@code ipam}, {@code metal}). */
    String name();

    /**
     * Emits the address {@code lb} may use: the one it holds, after checking it may still use it, or,
     * for a load balancer without one, a newly obtained grant. Obtaining is idempotent per load
     * balancer uuid: asking again after a grant that was never recorded returns the same grant.
     */
    Mono<Grant> ensure(LoadBalancer lb);

    /**
     * Gives back what deleted load balancer {@code loadBalancer} held ({@code release.ref}, or when
     * that is null whatever was granted for its uuid); completes if it was already given back.
     */
    Mono<Void> release(UUID loadBalancer, PendingRelease release);

    /** Grant is an address and the provider's id for it ({@code ref}, null for local pools). */
    record Grant(InetAddress eip, @Nullable String ref) {}
}
