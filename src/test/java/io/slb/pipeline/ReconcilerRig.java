package io.slb.pipeline;

import io.slb.control.CommandProcessor;
import io.slb.core.Command;
import io.slb.core.Decider;
import io.slb.core.LoadBalancer;
import io.slb.core.Protocol;
import io.slb.core.Recorded;
import io.slb.journal.Journal;
import io.slb.journal.JournalOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * ReconcilerRig wires a real journal, command processor and reconciler around a {@link Recording}
 * world for reconciler tests: {@link #start} (again after {@link #stop}, on the same journal) and
 * small command helpers. Close it after each test.
 */
final class ReconcilerRig implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final Decider decider;
    private final AddressProvider addresses;
    private final Recording world;
    private final List<Consumer<List<Recorded>>> listeners;
    private final Scheduler timer = Schedulers.newSingle("test-timer");
    private @Nullable Journal journal;
    private @Nullable CommandProcessor processor;
    private @Nullable Disposable reconciling;

    @SafeVarargs
    ReconcilerRig(Decider decider, AddressProvider addresses, Recording world, Consumer<List<Recorded>>... listeners) {
        this.decider = decider;
        this.addresses = addresses;
        this.world = world;
        this.listeners = List.of(listeners);
    }

    /** Opens the journal in {@code dir} and starts the processor and the reconciler. */
    void start(Path dir, Duration resync) throws Exception {
        journal = Journal.open(dir, decider, JournalOptions.DEFAULTS);
        AtomicReference<CommandProcessor> self = new AtomicReference<>();
        ReconcilerOptions options = new ReconcilerOptions(Duration.ofSeconds(2), 2, Duration.ofMillis(5), Duration.ofMillis(20), resync);
        Reconciler reconciler = new Reconciler(() -> self.get().state(), addresses, world, world,
                c -> self.get().submit(c), Clock.systemUTC(), options, timer, Schedulers.boundedElastic());
        List<Consumer<List<Recorded>>> all = new ArrayList<>(listeners);
        all.add(0, reconciler::onEvents);
        processor = new CommandProcessor(decider, journal, 64, all, Schedulers.parallel());
        self.set(processor);
        processor.start();
        reconciling = reconciler.start();
    }

    /** Stops the reconciler, the processor and the journal; {@link #start} may follow. */
    void stop() throws Exception {
        if (reconciling != null) {
            reconciling.dispose();
            processor().close();
            journal.close();
            reconciling = null;
        }
    }

    CommandProcessor processor() {
        if (processor == null) {
            throw new IllegalStateException("not started");
        }
        return processor;
    }

    UUID create(String name) {
        UUID id = UUID.randomUUID();
        processor().submit(new Command.CreateLoadBalancer(id, name, 80, Protocol.TCP, "rr", null, Instant.EPOCH)).block(WAIT);
        return id;
    }

    void delete(UUID id) {
        processor().submit(new Command.DeleteLoadBalancer(id, Instant.EPOCH)).block(WAIT);
    }

    LoadBalancer lb(UUID id) {
        return processor().state().find(id).orElseThrow();
    }

    @Override
    public void close() throws Exception {
        stop();
        timer.dispose();
    }
}
