package io.slb.pipeline;

import io.slb.announce.Announcer;
import io.slb.core.Command;
import io.slb.core.Event;
import io.slb.core.LoadBalancer;
import io.slb.core.PendingRelease;
import io.slb.core.Recorded;
import io.slb.core.SlbState;
import io.slb.core.Status;
import io.slb.dataplane.Dataplane;
import java.net.InetAddress;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.util.concurrent.Queues;
import reactor.util.retry.Retry;

/**
 * Reconciler makes the world match the journal, one load balancer at a time. It is level-triggered:
 * an event only says "look at load balancer X again"; the work reads X's latest desired state and
 * converges on it (address, then data plane, then announcement, so a VIP is never announced before
 * it is served), or tears X down if it was deleted (in the reverse order). Each load balancer has
 * its own lane: calls for one never overlap, triggers that arrive while it works coalesce into one
 * more pass, and lanes of different load balancers run concurrently. Every stage has a timeout and
 * retries with backoff; the result becomes a status event. Every {@code resyncInterval} all load
 * balancers are reconciled again, which repairs drift (a hand-made {@code ipvsadm -C}) and retries
 * teardowns that failed; the same happens at once when the announcer recovers from an outage
 * ({@link Announcer#recoveries()}), so statuses failed by the outage do not wait for the next tick.
 *
 * <p>With an external address provider a new load balancer has no address: its first pass obtains
 * one and records it ({@code AssignAddress}); the resulting {@code AddressAssigned} event triggers
 * the pass that serves and announces it. A deleted load balancer's {@link PendingRelease} is given
 * back in its teardown (on start, on its delete and at every resync until it succeeds), then
 * confirmed ({@code ConfirmRelease}); the lane serialises this with any grant still in flight.
 */
public final class Reconciler {
    private static final Logger LOG = LogManager.getLogger();
    private static final int TRIGGER_QUEUE = Queues.SMALL_BUFFER_SIZE * 16;

    private final Supplier<SlbState> desired;
    private final AddressProvider addresses;
    private final Dataplane dataplane;
    private final Announcer announcer;
    private final Function<Command, Mono<?>> submit;
    private final Clock clock;
    private final ReconcilerOptions options;
    private final Scheduler timer;
    private final Scheduler workers;
    /** What each lane last programmed: the teardown works from this, never from the (gone) desired state. */
    private final Map<UUID, LoadBalancer> applied = new ConcurrentHashMap<>();
    private final Sinks.Many<UUID> touches = Sinks.many().unicast().onBackpressureBuffer(Queues.<UUID>get(TRIGGER_QUEUE).get());

    /**
     * @param desired the latest durable state (the command processor's)
     * @param submit  where status reports go (the command processor's submit)
     * @param timer   drives timeouts, backoff and resync ticks
     * @param workers runs the stages; data planes may make blocking system calls, so a bounded elastic one
     */
    public Reconciler(Supplier<SlbState> desired, AddressProvider addresses, Dataplane dataplane, Announcer announcer,
                      Function<Command, Mono<?>> submit, Clock clock, ReconcilerOptions options, Scheduler timer,
                      Scheduler workers) {
        this.desired = desired;
        this.addresses = addresses;
        this.dataplane = dataplane;
        this.announcer = announcer;
        this.submit = submit;
        this.clock = clock;
        this.options = options;
        this.timer = timer;
        this.workers = workers;
    }

    /**
     * Marks the load balancers these events touch for another pass. Status changes are skipped:
     * they are the reconciler's own reports. Never blocks; a trigger that does not fit the bounded
     * queue is dropped with a warning and picked up by the next resync.
     */
    public void onEvents(List<Recorded> events) {
        events.stream()
                .map(Recorded::event)
                .filter(e -> !(e instanceof Event.StatusChanged))
                .map(Event::loadBalancer)
                .distinct()
                .forEach(this::touch);
    }

    private void touch(UUID id) {
        Sinks.EmitResult result = touches.tryEmitNext(id);
        if (result.isFailure()) {
            LOG.warn("reconciler: trigger for {} not queued ({}); the next resync will pick it up", id, result);
        }
    }

    /**
     * Starts reconciling: first removes whatever the data plane and announcer hold that the journal
     * does not (left over from before a crash), then runs every load balancer once, then follows
     * triggers and resync ticks. Dispose the result to stop.
     */
    public Disposable start() {
        Flux<UUID> resyncs = Flux.interval(options.resyncInterval(), options.resyncInterval(), timer)
                .onBackpressureDrop()
                .concatMapIterable(tick -> everyone());
        Flux<UUID> recovered = announcer.recoveries()
                .doOnNext(why -> LOG.info("reconciler: {} announcer recovered ({}); running every load balancer again",
                        announcer.name(), why))
                .onBackpressureDrop()
                .concatMapIterable(why -> everyone());
        return Mono.defer(this::pruneLeftovers)
                .subscribeOn(workers)
                .thenMany(Flux.merge(Flux.defer(() -> Flux.fromIterable(everyone())), touches.asFlux(), resyncs, recovered))
                .groupBy(Function.identity())
                .flatMap(lane -> lane.onBackpressureLatest()
                        // NB: off the caller's thread: triggers come from the command processor, which must never wait on I/O.
                        .concatMap(id -> Mono.defer(() -> reconcile(id)).subscribeOn(workers), 1)
                        .takeUntil(Pass::finished), Integer.MAX_VALUE)
                .concatMap(this::report)
                .subscribe(ignored -> { }, e -> LOG.error("reconciler stopped", e));
    }

    private Mono<Void> pruneLeftovers() {
        SlbState state = desired.get();
        Set<InetAddress> vips = state.all().stream()
                .map(LoadBalancer::eip).filter(Objects::nonNull).collect(Collectors.toSet());
        return dataplane.retainOnly(state.all())
                .onErrorResume(e -> logged("data plane clean-up at start", e))
                .then(announcer.retainOnly(vips))
                .onErrorResume(e -> logged("announcer clean-up at start", e));
    }

    private Set<UUID> everyone() {
        SlbState state = desired.get();
        Set<UUID> ids = new LinkedHashSet<>(state.loadBalancers().keySet());
        ids.addAll(applied.keySet());
        ids.addAll(state.pendingReleases().keySet());
        return ids;
    }

    private Mono<Pass> reconcile(UUID id) {
        Optional<LoadBalancer> want = desired.get().find(id);
        return want.map(this::converge).orElseGet(() -> teardown(id));
    }

    private Mono<Pass> converge(LoadBalancer lb) {
        LoadBalancer before = applied.get(lb.uuid());
        Mono<Void> moveAway = before != null && !Objects.equals(before.eip(), lb.eip())
                ? undo(before)
                : Mono.empty();
        return moveAway
                .then(stage("address", lb.uuid(), addresses.ensure(lb)))
                .flatMap(grant -> lb.eip() == null ? record(lb, grant) : serve(lb))
                .onErrorResume(StageFailedException.class, f ->
                        Mono.just(new Pass(lb.uuid(), Status.failed(f.stage(), StageFailedException.describe(f.getCause())), false)));
    }

    private Mono<Pass> serve(LoadBalancer lb) {
        return stage("dataplane", lb.uuid(), dataplane.apply(lb))
                .then(stage("announce", lb.uuid(), announcer.announce(Objects.requireNonNull(lb.eip()))))
                .then(Mono.fromSupplier(() -> {
                    applied.put(lb.uuid(), lb);
                    return new Pass(lb.uuid(), Status.ACTIVE, false);
                }));
    }

    /**
     * Records an external grant. The {@code AddressAssigned} it causes triggers the pass that serves
     * it; if the load balancer was deleted meanwhile, its teardown gives the grant back.
     */
    private Mono<Pass> record(LoadBalancer lb, AddressProvider.Grant grant) {
        Command assign = new Command.AssignAddress(lb.uuid(), grant.eip(), addresses.name(), grant.ref(), clock.instant());
        return stage("address", lb.uuid(), submit.apply(assign).then())
                .then(Mono.fromSupplier(() -> {
                    Optional<LoadBalancer> now = desired.get().find(lb.uuid());
                    if (now.isEmpty() || grant.eip().equals(now.get().eip())) {
                        LOG.info("load balancer {} ({}) granted {} by {} (ref {})", lb.uuid(), lb.name(),
                                grant.eip().getHostAddress(), addresses.name(), grant.ref());
                        return new Pass(lb.uuid(), null, false);
                    }
                    return new Pass(lb.uuid(), Status.failed("address", addresses.name() + " granted "
                            + grant.eip().getHostAddress() + " (ref " + grant.ref() + ") but it could not be recorded: "
                            + (now.get().eip() == null ? "refused" : "the load balancer holds "
                            + now.get().eip().getHostAddress())), false);
                }));
    }

    private Mono<Pass> teardown(UUID id) {
        LoadBalancer last = applied.get(id);
        PendingRelease pending = desired.get().pendingReleases().get(id);
        if (last == null && pending == null) {
            return Mono.just(new Pass(id, null, true));
        }
        Mono<Void> unserve = last == null ? Mono.empty() : undo(last).then(Mono.fromRunnable(() -> {
            applied.remove(id, last);
            LOG.info("load balancer {} ({}) removed from {} and {}", id, last.name(), dataplane.name(), announcer.name());
        }));
        return unserve
                .then(pending == null ? Mono.empty() : release(id, pending))
                .thenReturn(new Pass(id, null, true))
                .onErrorResume(StageFailedException.class, f -> {
                    LOG.error("load balancer {}: teardown failed at {}; retrying at the next resync", id, f.getMessage(), f.getCause());
                    return Mono.just(new Pass(id, null, false));
                });
    }

    private Mono<Void> undo(LoadBalancer last) {
        InetAddress eip = last.eip();
        Mono<Void> withdraw = eip == null ? Mono.empty() : stage("announce", last.uuid(), announcer.withdraw(eip));
        return withdraw.then(stage("dataplane", last.uuid(), dataplane.remove(last)));
    }

    /** Gives back a deleted load balancer's address, then records that it is gone (idempotent both ways). */
    private Mono<Void> release(UUID id, PendingRelease pending) {
        Mono<Void> giveBack = addresses.release(id, pending)
                .then(Mono.defer(() -> submit.apply(new Command.ConfirmRelease(id, clock.instant()))))
                .then(Mono.fromRunnable(() -> LOG.info("load balancer {}: {} released {} (ref {})", id, pending.source(),
                        pending.eip() == null ? "its grant" : pending.eip().getHostAddress(), pending.ref())));
        return stage("address", id, giveBack);
    }

    private <T> Mono<T> stage(String name, UUID id, Mono<T> action) {
        return action
                .timeout(options.stageTimeout(), timer)
                .retryWhen(Retry.backoff(options.retries(), options.minBackoff())
                        .maxBackoff(options.maxBackoff())
                        .filter(e -> !(e instanceof PermanentFailureException))
                        .scheduler(timer)
                        .doBeforeRetry(s -> LOG.warn("load balancer {}: stage {} failed (attempt {}): {}; retrying",
                                id, name, s.totalRetries() + 1, StageFailedException.describe(s.failure())))
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .onErrorMap(e -> !(e instanceof StageFailedException), e -> new StageFailedException(name, e));
    }

    private Mono<Void> report(Pass pass) {
        Status status = pass.status();
        if (status == null) {
            return Mono.empty();
        }
        Optional<LoadBalancer> lb = desired.get().find(pass.loadBalancer());
        if (lb.isPresent() && !lb.get().status().equals(status)) {
            LOG.info("load balancer {} ({}) {} at {}:{}/{}{}", pass.loadBalancer(), lb.get().name(),
                    status.phase().name().toLowerCase(java.util.Locale.ROOT),
                    lb.get().eip() == null ? "-" : lb.get().eip().getHostAddress(), lb.get().port(),
                    lb.get().protocol().wireName(),
                    status.error() == null ? "" : " (stage " + status.stage() + ": " + status.error() + ")");
        }
        return submit.apply(new Command.ReportStatus(pass.loadBalancer(), status, clock.instant()))
                .then()
                .onErrorResume(e -> logged("status report for " + pass.loadBalancer(), e));
    }

    private static Mono<Void> logged(String what, Throwable e) {
        LOG.warn("reconciler: {} failed: {}", what, StageFailedException.describe(e));
        return Mono.empty();
    }

    /** Pass is the result of one reconciliation of one load balancer. */
    private record Pass(UUID loadBalancer, @Nullable Status status, boolean finished) {}
}
