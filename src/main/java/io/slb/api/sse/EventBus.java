package io.slb.api.sse;

import io.slb.core.Recorded;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * EventBus fans recorded state changes out to many subscribers: one publisher (the command processor
 * thread, after fsync) and many subscribers (usually on Netty event loops).
 *
 * <p>The bus keeps the last {@link SseOptions#historyLimit()} events in memory so a subscriber can resume
 * with {@link #since(long)}. Each subscriber has its own bounded buffer of {@link SseOptions#clientBuffer()}
 * events; a subscriber that lets it overflow is terminated with {@link SlowConsumerException}, and nobody
 * else notices. {@link #publish} never waits for a subscriber: it only appends under a short lock and
 * schedules delivery on the subscriber's worker of the delivery scheduler.
 *
 * <p>Thread safety: every method may be called from any thread, but {@link #publish} from one at a time.
 * Subscribers must not block in {@code onNext} (use {@code publishOn} for blocking work).
 */
public final class EventBus implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger();

    private final SseOptions options;
    private final Scheduler delivery;
    private final Object lock = new Object();
    /** NB: guarded by lock; positions strictly increasing; at most options.historyLimit() events. */
    private final ArrayDeque<Recorded> history = new ArrayDeque<>();
    /** NB: guarded by lock. */
    private final Set<BusSubscription> subscriptions = new LinkedHashSet<>();
    /** NB: written under lock; volatile so lastPosition() needs no lock. */
    private volatile long lastPosition;
    /** NB: guarded by lock. */
    private boolean closed;

    /**
     * Creates a bus delivering on Reactor's parallel scheduler, seeded with the journal's recovered tail
     * (any length; only the last {@code historyLimit} events are kept).
     *
     * @throws IllegalArgumentException if the recovered positions are not strictly increasing from 1 up
     */
    public EventBus(SseOptions options, List<Recorded> recoveredHistory) {
        this(options, recoveredHistory, Schedulers.parallel());
    }

    /**
     * Creates a bus that delivers to subscribers on workers of {@code delivery}, seeded with the journal's
     * recovered tail (see {@link #EventBus(SseOptions, List)}).
     */
    public EventBus(SseOptions options, List<Recorded> recoveredHistory, Scheduler delivery) {
        this(options, recoveredHistory, 0, delivery);
    }

    /**
     * Creates a bus for a journal at {@code journalPosition} whose recovered tail is {@code recoveredHistory}.
     * NB: after a snapshot the tail can be shorter than the journal, or empty; the position keeps a client
     * that saw the last event from being told it missed something.
     *
     * @throws IllegalArgumentException if the recovered positions are not strictly increasing, or go past
     *         {@code journalPosition}
     */
    public EventBus(SseOptions options, List<Recorded> recoveredHistory, long journalPosition, Scheduler delivery) {
        this.options = options;
        this.delivery = delivery;
        requireIncreasing(recoveredHistory, 0);
        recoveredHistory.forEach(this::remember);
        long tailEnd = recoveredHistory.isEmpty() ? 0 : recoveredHistory.get(recoveredHistory.size() - 1).position();
        if (tailEnd > journalPosition && journalPosition != 0) {
            throw new IllegalArgumentException("journalPosition: " + journalPosition + " (expected: >= " + tailEnd + ")");
        }
        this.lastPosition = Math.max(tailEnd, journalPosition);
    }

    /**
     * Publishes a batch of recorded events to the history and to every subscriber. Never blocks on a
     * subscriber and never throws because of one; an empty batch is ignored.
     *
     * @throws IllegalArgumentException if positions are not strictly increasing after {@link #lastPosition()}
     */
    public void publish(List<Recorded> batch) {
        if (batch.isEmpty()) {
            return;
        }
        synchronized (lock) {
            requireIncreasing(batch, lastPosition);
            batch.forEach(this::remember);
            lastPosition = batch.get(batch.size() - 1).position();
            for (Iterator<BusSubscription> it = subscriptions.iterator(); it.hasNext(); ) {
                BusSubscription subscription = it.next();
                if (!subscription.offer(batch)) {
                    it.remove();
                }
                subscription.signal();
            }
        }
    }

    /** Returns the position of the last published (or recovered) event, 0 if there is none. */
    public long lastPosition() {
        return lastPosition;
    }

    /**
     * Returns the events after {@code lastSeen}: first those retained in history, then live ones, in
     * position order with no gap and no duplicate. If events after {@code lastSeen} are no longer retained,
     * or {@code lastSeen} is beyond {@link #lastPosition()}, a {@link BusItem.Gap} comes first. The flux
     * honours demand; when its buffer overflows it fails with {@link SlowConsumerException}. It completes
     * when the bus is closed.
     *
     * @throws IllegalArgumentException if {@code lastSeen} is negative
     */
    public Flux<BusItem> since(long lastSeen) {
        if (lastSeen < 0) {
            throw new IllegalArgumentException("lastSeen: " + lastSeen + " (expected: >= 0)");
        }
        return Flux.create(sink -> subscribe(sink, lastSeen, true), FluxSink.OverflowStrategy.IGNORE);
    }

    /** Returns the live events from now on, like {@link #since(long)} at {@link #lastPosition()}, without a gap. */
    public Flux<BusItem> live() {
        return Flux.create(sink -> subscribe(sink, 0, false), FluxSink.OverflowStrategy.IGNORE);
    }

    /** Closes the bus: every subscriber completes after its buffered events; later ones complete at once. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            subscriptions.forEach(BusSubscription::complete);
            subscriptions.clear();
        }
        LOG.debug("Event bus closed at position {}", lastPosition);
    }

    private void subscribe(FluxSink<BusItem> sink, long lastSeen, boolean replay) {
        BusSubscription subscription;
        synchronized (lock) {
            // NB: the replay snapshot and the registration happen under the lock publish() takes, so
            // every event is either in the snapshot or offered live, never both and never neither.
            List<BusItem> items = replay ? replayAfter(lastSeen) : List.of();
            subscription = new BusSubscription(sink, delivery.createWorker(), items, options.clientBuffer());
            if (closed) {
                subscription.complete();
            } else {
                subscriptions.add(subscription);
            }
        }
        sink.onRequest(ignored -> subscription.drainNow());
        sink.onDispose(() -> unsubscribe(subscription));
        subscription.signal();
    }

    private void unsubscribe(BusSubscription subscription) {
        synchronized (lock) {
            subscriptions.remove(subscription);
        }
        subscription.dispose();
    }

    /** Returns the items to replay after lastSeen; NB: caller holds lock. */
    private List<BusItem> replayAfter(long lastSeen) {
        long oldestRetained = history.isEmpty() ? lastPosition + 1 : history.peekFirst().position();
        List<BusItem> items = new ArrayList<>();
        if (lastSeen + 1 < oldestRetained || lastSeen > lastPosition) {
            items.add(new BusItem.Gap(lastSeen, oldestRetained));
        }
        for (Recorded recorded : history) {
            if (recorded.position() > lastSeen) {
                items.add(new BusItem.Change(recorded));
            }
        }
        return items;
    }

    private void remember(Recorded recorded) {
        if (options.historyLimit() == 0) {
            return;
        }
        if (history.size() == options.historyLimit()) {
            history.removeFirst();
        }
        history.addLast(recorded);
    }

    private static void requireIncreasing(List<Recorded> batch, long after) {
        long previous = after;
        for (Recorded recorded : batch) {
            if (recorded.position() <= previous) {
                throw new IllegalArgumentException("position: " + recorded.position()
                        + " (expected: > " + previous + ", strictly increasing)");
            }
            previous = recorded.position();
        }
    }
}
