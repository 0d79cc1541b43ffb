package io.slb.bench;

import io.slb.control.CommandProcessor;
import io.slb.control.Outcome;
import io.slb.core.Command;
import io.slb.core.Decider;
import io.slb.core.Protocol;
import io.slb.core.Schedulers;
import io.slb.core.Status;
import io.slb.journal.Journal;
import io.slb.journal.JournalOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * GroupCommitBenchmark measures durable events per second through slb's real write path: the
 * {@link CommandProcessor} (one writer thread, batches of queued commands, one fsync per batch) over a
 * {@link Journal} on a real disk, with 1, 16 and 256 concurrent callers that each wait for their answer
 * before sending the next command. Each command flips the status of the caller's own load balancer, so
 * each is exactly one event and the state stays small (the cost measured is the journal's, not the fold's).
 * Snapshots follow the server's defaults.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class GroupCommitBenchmark {
    /** The most callers of any benchmark here, so each gets its own load balancer. */
    private static final int MAX_WRITERS = 256;
    private static final long ANSWER_TIMEOUT_SECONDS = 30;

    private Path dir;
    private Journal journal;
    private CommandProcessor processor;
    private final AtomicInteger nextWriter = new AtomicInteger();

    /** Writer is one caller: its load balancer and the status it sends next. */
    @State(Scope.Thread)
    public static class Writer {
        UUID loadBalancer;
        boolean active;

        @Setup(Level.Trial)
        public void setUp(GroupCommitBenchmark bench) {
            loadBalancer = Fixtures.uuid(1, bench.nextWriter.getAndIncrement() % MAX_WRITERS);
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException, ExecutionException, TimeoutException {
        dir = TempDirs.create("group-commit");
        Decider decider = new Decider(Fixtures.POOL);
        journal = Journal.open(dir, decider, JournalOptions.DEFAULTS);
        processor = new CommandProcessor(decider, journal, io.slb.server.SlbConfig.DEFAULT_COMMAND_QUEUE, List.of(),
                reactor.core.scheduler.Schedulers.parallel());
        processor.start();
        for (int i = 0; i < MAX_WRITERS; i++) {
            await(new Command.CreateLoadBalancer(Fixtures.uuid(1, i), "lb-" + i, Fixtures.SERVICE_PORT, Protocol.TCP,
                    Schedulers.DEFAULT, null, Fixtures.AT));
        }
    }

    private Outcome await(Command command) throws InterruptedException, ExecutionException, TimeoutException {
        Outcome outcome = processor.submit(command).toFuture().get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!(outcome instanceof Outcome.Applied applied) || applied.events().isEmpty()) {
            throw new IllegalStateException("command " + command + ": " + outcome + " (expected: applied, 1+ events)");
        }
        return outcome;
    }

    private Outcome flip(Writer w) throws InterruptedException, ExecutionException, TimeoutException {
        w.active = !w.active;
        return await(new Command.ReportStatus(w.loadBalancer, w.active ? Status.ACTIVE : Status.PENDING, Fixtures.AT));
    }

    @Benchmark
    @Threads(1)
    public Outcome writers1(Writer w) throws InterruptedException, ExecutionException, TimeoutException {
        return flip(w);
    }

    @Benchmark
    @Threads(16)
    public Outcome writers16(Writer w) throws InterruptedException, ExecutionException, TimeoutException {
        return flip(w);
    }

    @Benchmark
    @Threads(MAX_WRITERS)
    public Outcome writers256(Writer w) throws InterruptedException, ExecutionException, TimeoutException {
        return flip(w);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        processor.close();
        try {
            journal.close();
        } finally {
            TempDirs.delete(dir);
        }
    }
}
