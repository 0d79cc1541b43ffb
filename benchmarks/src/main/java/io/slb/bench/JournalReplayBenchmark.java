package io.slb.bench;

import io.slb.core.Decider;
import io.slb.core.SlbState;
import io.slb.journal.Journal;
import io.slb.journal.JournalOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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

/**
 * JournalReplayBenchmark measures {@link Journal#open} of a journal of {@code events} events and no
 * snapshot, so every record is read, CRC-checked, decoded and folded with {@link Decider#evolve}: the
 * worst case of a start-up (the server snapshots every 10,000 events, so it normally replays far fewer).
 * The journal is written once per trial by {@link JournalWorkload}: {@code live} load balancers with
 * 10 backends each, then backend churn. The page cache is warm (the file was just written).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class JournalReplayBenchmark {
    private static final int BACKENDS = 10;
    private static final int WRITE_BATCH = 256;
    /** Never snapshot, so that open replays every event; keep the server's SSE history. */
    private static final JournalOptions NO_SNAPSHOTS =
            new JournalOptions(Integer.MAX_VALUE, JournalOptions.DEFAULTS.historyLimit());

    @Param({"1000000"})
    public long events;

    @Param({"100", "1000"})
    public int live;

    private Path dir;
    private Decider decider;
    private long written;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = TempDirs.create("replay");
        decider = new Decider(Fixtures.POOL);
        JournalWorkload workload = new JournalWorkload(live, BACKENDS);
        try (Journal journal = Journal.open(dir, decider, NO_SNAPSHOTS)) {
            written = workload.write(journal, events, WRITE_BATCH, false);
        }
        SlbState recovered = replay();
        SlbState expected = workload.expected(written);
        if (!recovered.equals(expected)) {
            throw new IllegalStateException("replay of " + written + " events gave " + recovered.loadBalancers().size()
                    + " load balancers at position " + recovered.position() + " (expected: " + live + " at " + written
                    + ", equal to the generator's model)");
        }
    }

    private SlbState replay() throws IOException {
        try (Journal journal = Journal.open(dir, decider, NO_SNAPSHOTS)) {
            return journal.recoveredState();
        }
    }

    @Benchmark
    public SlbState open() throws IOException {
        return replay();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        TempDirs.delete(dir);
    }
}
