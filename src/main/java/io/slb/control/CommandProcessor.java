package io.slb.control;

import io.slb.core.Command;
import io.slb.core.Decider;
import io.slb.core.Decision;
import io.slb.core.Event;
import io.slb.core.Recorded;
import io.slb.core.SlbState;
import io.slb.journal.Journal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * CommandProcessor is slb's single writer. Commands wait in a bounded queue; one thread takes them
 * in batches, decides each against the state left by the previous one, appends all the batch's
 * events to the journal, syncs once (group commit), publishes the new state, answers the callers and
 * hands the events to the listeners, in that order. So an answer means "durable", two commands can
 * never race (no address is handed out twice), and listeners see events in journal order.
 *
 * <p>Thread safe: {@link #submit} and {@link #state} may be called from any thread. Listeners run
 * on the processor thread and must not block.
 */
public final class CommandProcessor implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger();
    /** Bounds the work (and the latency added to the first command) of one group commit. */
    private static final int MAX_BATCH = 512;
    private static final long POLL_MILLIS = 100;

    private final Decider decider;
    private final Journal journal;
    private final List<Consumer<List<Recorded>>> listeners;
    private final BlockingQueue<Pending> queue;
    private final Scheduler answers;
    private final Thread thread;
    private volatile SlbState state;
    private volatile boolean running = true;
    private volatile @Nullable JournalFailedException failure;

    /**
     * Creates a processor over a freshly opened journal; call {@link #start()} to begin.
     *
     * @param answers where callers' continuations run, so rendering replies never holds up the writer
     */
    public CommandProcessor(Decider decider, Journal journal, int queueCapacity,
                            List<Consumer<List<Recorded>>> listeners, Scheduler answers) {
        this.decider = decider;
        this.journal = journal;
        this.listeners = List.copyOf(listeners);
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.answers = answers;
        this.state = journal.recoveredState();
        this.thread = new Thread(this::run, "slb-command-processor");
    }

    /** Starts the writer thread. */
    public void start() {
        thread.start();
    }

    /** Returns the latest durable state. Never null. */
    public SlbState state() {
        return state;
    }

    /** Returns the journal failure that stopped this processor, if one did. */
    public @Nullable JournalFailedException failure() {
        return failure;
    }

    /**
     * Queues {@code command}. The Mono emits once the command's events are durable (or it was
     * refused); it fails with {@link OverloadedException} at once if the queue is full, and with
     * {@link JournalFailedException} if the journal cannot be written.
     */
    public Mono<Outcome> submit(Command command) {
        return Mono.defer(() -> {
            JournalFailedException failed = failure;
            if (failed != null) {
                return Mono.error(failed);
            }
            if (!running) {
                return Mono.error(new OverloadedException("slb is shutting down"));
            }
            Pending pending = new Pending(command, new CompletableFuture<>());
            if (!queue.offer(pending)) {
                return Mono.error(new OverloadedException(
                        "command queue is full (" + queue.size() + " waiting); retry later"));
            }
            return Mono.fromFuture(pending.answer()).publishOn(answers);
        });
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                process(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException e) {
                LOG.error("command processor: unexpected failure; failing the batch of {}", batch.size(), e);
                batch.forEach(p -> p.answer().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        failQueued(new OverloadedException("slb is shutting down"));
    }

    private void process(List<Pending> batch) {
        JournalFailedException failed = failure;
        if (failed != null) {
            batch.forEach(p -> p.answer().completeExceptionally(failed));
            return;
        }
        SlbState next = state;
        long position = journal.position();
        List<Event> events = new ArrayList<>();
        List<@Nullable Outcome> outcomes = new ArrayList<>(batch.size());
        List<Integer> firstEvent = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            Decision decision = decider.decide(next, pending.command());
            firstEvent.add(events.size());
            if (decision instanceof Decision.Rejected r) {
                outcomes.add(new Outcome.Refused(r.rejection()));
                continue;
            }
            for (Event e : ((Decision.Accepted) decision).events()) {
                position++;
                next = decider.evolve(next, e, position);
                events.add(e);
            }
            outcomes.add(null);
        }
        List<Recorded> recorded = persist(events, batch);
        if (recorded == null) {
            return;
        }
        if (!recorded.isEmpty() && recorded.get(recorded.size() - 1).position() != position) {
            throw new IllegalStateException("journal assigned position " + recorded.get(recorded.size() - 1).position()
                    + " but the processor expected " + position);
        }
        state = next;
        for (int i = 0; i < batch.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (outcome == null) {
                int from = firstEvent.get(i);
                int to = i + 1 < batch.size() ? firstEvent.get(i + 1) : events.size();
                outcome = new Outcome.Applied(recorded.subList(from, to), next);
            }
            batch.get(i).answer().complete(outcome);
        }
        if (!recorded.isEmpty()) {
            notifyListeners(recorded);
            snapshotIfDue(next);
        }
    }

    private @Nullable List<Recorded> persist(List<Event> events, List<Pending> batch) {
        if (events.isEmpty()) {
            return List.of();
        }
        try {
            List<Recorded> recorded = journal.append(events);
            journal.sync();
            return recorded;
        } catch (IOException | RuntimeException e) {
            JournalFailedException failed = new JournalFailedException(
                    "journal write failed at position " + journal.position() + ": " + e.getMessage()
                            + "; slb refuses changes until it is restarted", e);
            failure = failed;
            LOG.error("journal: write of {} events failed; refusing all further changes", events.size(), e);
            batch.forEach(p -> p.answer().completeExceptionally(failed));
            return null;
        }
    }

    private void notifyListeners(List<Recorded> recorded) {
        for (Consumer<List<Recorded>> listener : listeners) {
            try {
                listener.accept(recorded);
            } catch (RuntimeException e) {
                LOG.error("event listener {} failed on positions {}..{}", listener,
                        recorded.get(0).position(), recorded.get(recorded.size() - 1).position(), e);
            }
        }
    }

    private void snapshotIfDue(SlbState current) {
        if (!journal.snapshotDue()) {
            return;
        }
        try {
            journal.snapshot(current);
        } catch (IOException e) {
            // The journal itself is intact; a missed snapshot only makes the next start slower.
            LOG.warn("journal: snapshot at position {} failed; will retry at the next batch", current.position(), e);
        }
    }

    private void failQueued(RuntimeException reason) {
        Pending p;
        while ((p = queue.poll()) != null) {
            p.answer().completeExceptionally(reason);
        }
    }

    /** Stops taking commands, finishes those queued, and waits for the writer thread. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Pending(Command command, CompletableFuture<Outcome> answer) {}
}
