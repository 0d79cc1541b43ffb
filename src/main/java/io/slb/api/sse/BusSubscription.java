package io.slb.api.sse;

import io.slb.core.Recorded;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;

/**
 * BusSubscription is one {@link EventBus} subscriber: a fixed replay list, then a bounded queue of live
 * events, drained into the sink only as far as downstream demand allows.
 *
 * <p>Thread safety: {@link #offer} and {@link #complete} come from the bus under its lock (the live queue is
 * an {@code ArrayBlockingQueue}, whose offer never waits for space), {@link #drainNow}
 * from the requesting thread. The drain loop is serialized by a work-in-progress counter, so the sink sees
 * one signal at a time; once terminated the counter never returns to zero and no drain runs again.
 */
final class BusSubscription {
    private final FluxSink<BusItem> sink;
    private final Scheduler.Worker worker;
    /** NB: read only inside the drain loop. */
    private final List<BusItem> replay;
    private final Queue<BusItem> live;
    private final int capacity;
    private final AtomicInteger wip = new AtomicInteger();
    private volatile @Nullable SlowConsumerException failure;
    private volatile boolean completed;
    /** NB: drain loop only. */
    private int replayed;
    /** NB: drain loop only; the last change position emitted, so the output strictly increases. */
    private long lastEmitted = -1;

    BusSubscription(FluxSink<BusItem> sink, Scheduler.Worker worker, List<BusItem> replay, int capacity) {
        this.sink = sink;
        this.worker = worker;
        this.replay = replay;
        this.capacity = capacity;
        this.live = new ArrayBlockingQueue<>(capacity);
    }

    /** Buffers a batch; returns false (and marks this subscriber failed) if the buffer overflows. */
    boolean offer(List<Recorded> batch) {
        if (failure != null || completed) {
            return false;
        }
        for (Recorded recorded : batch) {
            if (!live.offer(new BusItem.Change(recorded))) {
                failure = new SlowConsumerException(capacity, recorded.position());
                return false;
            }
        }
        return true;
    }

    /** Completes this subscriber once its buffered events are delivered. */
    void complete() {
        completed = true;
        signal();
    }

    /** Schedules a drain on this subscriber's worker, so that the caller never runs subscriber code. */
    void signal() {
        if (wip.getAndIncrement() == 0) {
            try {
                worker.schedule(this::drainLoop);
            } catch (RejectedExecutionException disposed) {
                // NB: the subscriber cancelled concurrently and its worker is gone: nothing is left to deliver.
                return;
            }
        }
    }

    /** Drains on the calling thread (a downstream request). */
    void drainNow() {
        if (wip.getAndIncrement() == 0) {
            drainLoop();
        }
    }

    void dispose() {
        worker.dispose();
        live.clear();
    }

    private void drainLoop() {
        int missed = 1;
        while (true) {
            if (emitAvailable()) {
                return;
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** Emits what demand allows; returns true once the sink is terminated (leaving wip non-zero). */
    private boolean emitAvailable() {
        if (sink.isCancelled()) {
            return true;
        }
        SlowConsumerException error = failure;
        if (error != null) {
            live.clear();
            sink.error(error);
            return true;
        }
        while (sink.requestedFromDownstream() > 0) {
            BusItem item = poll();
            if (item == null) {
                break;
            }
            if (item instanceof BusItem.Change change) {
                if (change.recorded().position() <= lastEmitted) {
                    continue;
                }
                lastEmitted = change.recorded().position();
            }
            sink.next(item);
        }
        if (completed && replayed == replay.size() && live.isEmpty()) {
            sink.complete();
            return true;
        }
        return false;
    }

    private @Nullable BusItem poll() {
        if (replayed < replay.size()) {
            return replay.get(replayed++);
        }
        return live.poll();
    }
}
