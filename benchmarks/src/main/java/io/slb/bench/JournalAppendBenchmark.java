package io.slb.bench;

import io.slb.core.Decider;
import io.slb.core.Event;
import io.slb.journal.Journal;
import io.slb.journal.JournalOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * JournalAppendBenchmark measures the journal alone: one {@link Journal#append} of {@code batch} events
 * followed by one {@link Journal#sync} (fsync), on a real disk. The {@code events} counter is durable
 * events per second; the primary score is fsyncs per second. Compare {@link GroupCommitBenchmark}, which
 * adds the command processor and concurrent callers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class JournalAppendBenchmark {
    /** No snapshots and no replay history: only appends and fsyncs are measured. */
    private static final JournalOptions APPEND_ONLY = new JournalOptions(Integer.MAX_VALUE, 0);

    @Param({"1", "16", "256"})
    public int batch;

    private Path dir;
    private Journal journal;
    private List<Event> events;

    /** Counters is JMH's per-thread tally of events made durable. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long events;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = TempDirs.create("append");
        journal = Journal.open(dir, new Decider(Fixtures.POOL), APPEND_ONLY);
        events = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            events.add(new Event.BackendAdded(Fixtures.uuid(1, 0), Fixtures.backend(i), Fixtures.AT));
        }
    }

    @Benchmark
    public long appendAndSync(Counters counters) throws IOException {
        journal.append(events);
        journal.sync();
        counters.events += batch;
        return journal.position();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            journal.close();
        } finally {
            TempDirs.delete(dir);
        }
    }
}
