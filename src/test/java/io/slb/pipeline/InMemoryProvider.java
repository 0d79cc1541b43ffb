package io.slb.pipeline;

import io.slb.core.LoadBalancer;
import io.slb.core.PendingRelease;
import io.slb.ipam.IpAddresses;
import java.net.InetAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * InMemoryProvider is an external address provider for reconciler tests: it grants 192.0.2.n per
 * load balancer uuid (asking twice returns the same grant, as the real provider's tag lookup does),
 * keeps what is granted, and fails releases or grants on demand. The Metal provider has its own
 * tests against a fake Metal API.
 */
final class InMemoryProvider implements AddressProvider {
    final Map<UUID, Grant> granted = new ConcurrentHashMap<>();
    /** While positive, each release fails and decrements it. */
    final AtomicInteger releaseFailures = new AtomicInteger();
    /** When set, every ensure fails with this permanent error. */
    volatile String refusal = "";
    final AtomicInteger ensureCalls = new AtomicInteger();
    private final AtomicInteger next = new AtomicInteger();

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Mono<Grant> ensure(LoadBalancer lb) {
        return Mono.fromSupplier(() -> {
            ensureCalls.incrementAndGet();
            if (!refusal.isEmpty()) {
                throw new PermanentFailureException(refusal, new IllegalStateException(refusal));
            }
            InetAddress eip = lb.eip();
            if (eip != null) {
                return new Grant(eip, null);
            }
            return granted.computeIfAbsent(lb.uuid(),
                    id -> new Grant(IpAddresses.parse("192.0.2." + next.incrementAndGet()), "ref-" + id));
        });
    }

    @Override
    public Mono<Void> release(UUID loadBalancer, PendingRelease release) {
        return Mono.fromRunnable(() -> {
            if (releaseFailures.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0) {
                throw new IllegalStateException("503 Service Unavailable");
            }
            granted.remove(loadBalancer);
        });
    }
}
