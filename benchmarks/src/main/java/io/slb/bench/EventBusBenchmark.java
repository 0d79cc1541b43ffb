package io.slb.bench;

import io.slb.api.ApiJson;
import io.slb.api.sse.BusItem;
import io.slb.api.sse.ChangeFrames;
import io.slb.api.sse.EventBus;
import io.slb.api.sse.SseOptions;
import io.slb.core.Event;
import io.slb.core.Recorded;
import io.slb.core.Status;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * EventBusBenchmark measures SSE fan-out: the time from {@link EventBus#publish} of one event until each
 * of {@code subscribers} live subscribers has its SSE frame from {@link ChangeFrames} (rendered once, event JSON
 * via {@link ApiJson#event}, then shared), as {@code GET /events} does per client. Only the socket
 * write is left out. Delivery runs on a parallel scheduler with one worker per core, as in slb.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class EventBusBenchmark {
    /** Generous: a fan-out that takes this long is a hang, not a result. */
    private static final long DELIVERY_TIMEOUT_SECONDS = 10;

    @Param({"1000"})
    public int subscribers;

    private Scheduler delivery;
    private EventBus bus;
    private final Disposable.Composite subscriptions = Disposables.composite();
    private volatile CountDownLatch delivered = new CountDownLatch(0);
    private long position;

    @Setup(Level.Trial)
    public void setUp() {
        delivery = Schedulers.newParallel("bench-sse", Runtime.getRuntime().availableProcessors());
        SseOptions d = SseOptions.DEFAULTS;
        bus = new EventBus(new SseOptions(subscribers, d.clientBuffer(), d.historyLimit(), d.heartbeat()), List.of(),
                delivery);
        ApiJson json = new ApiJson();
        ChangeFrames frames = new ChangeFrames(json::event, ApiJson::eventType);
        for (int i = 0; i < subscribers; i++) {
            subscriptions.add(bus.live()
                    .map(item -> frames.frame(((BusItem.Change) item).recorded()))
                    .subscribe(frame -> delivered.countDown()));
        }
    }

    @Benchmark
    public long publishToAll() throws InterruptedException, TimeoutException {
        CountDownLatch latch = new CountDownLatch(subscribers);
        delivered = latch;
        position++;
        Status status = position % 2 == 0 ? Status.ACTIVE : Status.PENDING;
        bus.publish(List.of(new Recorded(position, new Event.StatusChanged(Fixtures.uuid(1, 0), status, Fixtures.AT))));
        if (!latch.await(DELIVERY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new TimeoutException("event " + position + ": " + latch.getCount() + " of " + subscribers
                    + " subscribers still waiting after " + DELIVERY_TIMEOUT_SECONDS + " s");
        }
        return position;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        subscriptions.dispose();
        bus.close();
        delivery.dispose();
    }
}
