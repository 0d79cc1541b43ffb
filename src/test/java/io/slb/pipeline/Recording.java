package io.slb.pipeline;

import io.slb.announce.Announcer;
import io.slb.core.LoadBalancer;
import io.slb.dataplane.Dataplane;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Recording is a data plane and announcer for reconciler tests: it keeps what it was asked to
 * program (as a kernel would), logs every call in order, and fails on demand, so the reconciler's
 * ordering, retries and status reports can be observed. The real data planes have their own tests.
 */
final class Recording implements Dataplane, Announcer {
    final Map<UUID, LoadBalancer> programmed = new ConcurrentHashMap<>();
    final Set<InetAddress> announced = ConcurrentHashMap.newKeySet();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    /** While positive, each apply fails and decrements it; negative fails forever. */
    final AtomicInteger applyFailures = new AtomicInteger();
    /** While true, every announce fails, as with gobgpd out of reach. */
    volatile boolean announcerDown;
    private final Sinks.Many<String> recoveries = Sinks.many().multicast().directBestEffort();

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public Mono<Void> apply(LoadBalancer lb) {
        return Mono.fromRunnable(() -> {
            calls.add("apply " + lb.name());
            threads.add(Thread.currentThread().getName());
            int left = applyFailures.getAndUpdate(n -> n > 0 ? n - 1 : n);
            if (left != 0) {
                throw new IllegalStateException("EPERM: Operation not permitted");
            }
            programmed.put(lb.uuid(), lb);
        });
    }

    @Override
    public Mono<Void> remove(LoadBalancer lb) {
        return Mono.fromRunnable(() -> {
            calls.add("remove " + lb.name());
            programmed.remove(lb.uuid());
        });
    }

    @Override
    public Mono<Void> retainOnly(Collection<LoadBalancer> desired) {
        return Mono.fromRunnable(() -> {
            calls.add("retainOnly " + desired.size());
            programmed.keySet().retainAll(desired.stream().map(LoadBalancer::uuid).toList());
        });
    }

    @Override
    public Mono<Void> announce(InetAddress vip) {
        return Mono.fromRunnable(() -> {
            calls.add("announce " + vip.getHostAddress());
            if (announcerDown) {
                throw new IllegalStateException("gobgpd is not reachable yet");
            }
            announced.add(vip);
        });
    }

    @Override
    public Flux<String> recoveries() {
        return recoveries.asFlux();
    }

    /** Brings the announcer back and says so, as GobgpAnnouncer does once a new session is reconciled. */
    void recover() {
        announcerDown = false;
        recoveries.tryEmitNext("test recovery");
    }

    @Override
    public Mono<Void> withdraw(InetAddress vip) {
        return Mono.fromRunnable(() -> {
            calls.add("withdraw " + vip.getHostAddress());
            announced.remove(vip);
        });
    }

    @Override
    public Mono<Void> retainOnly(Set<InetAddress> desired) {
        return Mono.fromRunnable(() -> announced.retainAll(desired));
    }

    @Override
    public void close() {
        calls.add("close");
    }
}
