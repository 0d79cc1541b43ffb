package io.slb.bench;

import io.slb.core.Decider;
import io.slb.core.SlbState;
import io.slb.journal.Journal;
import io.slb.journal.JournalOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * JournalGenerator writes a journal for slb to start from, through the real {@link Journal} API
 * ({@link JournalWorkload}: {@code --live} load balancers with {@code --backends} backends, then backend
 * churn up to {@code --events} events). By default it snapshots as {@code slb server} does (every
 * {@link JournalOptions#DEFAULTS} events), so the directory looks like one a server left behind; with
 * {@code --noSnapshots} every event stays to be replayed. It then opens the journal again and checks the
 * recovered state equals the one generated, and prints one line of {@code key=value} results.
 */
@Command(name = "generate-journal", mixinStandardHelpOptions = true)
public final class JournalGenerator implements Callable<Integer> {
    private static final int WRITE_BATCH = 256;
    private static final double NANOS_PER_SECOND = 1e9;

    @Option(names = "--dataDir", required = true, description = "Directory to create; must not exist or be empty.")
    Path dataDir = Path.of("");

    @Option(names = "--events", defaultValue = "1000000", description = "Events to write, at least (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--live", defaultValue = "10000", description = "Load balancers (default: ${DEFAULT-VALUE}).")
    int live;

    @Option(names = "--backends", defaultValue = "10", description = "Backends per load balancer (default: ${DEFAULT-VALUE}).")
    int backends;

    @Option(names = "--noSnapshots", description = "Write no snapshot: a start replays every event.")
    boolean noSnapshots;

    private JournalGenerator() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new JournalGenerator()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (Files.isDirectory(dataDir)) {
            try (var entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    System.err.println("--dataDir: " + dataDir + " (expected: a new or empty directory)");
                    return 2;
                }
            }
        }
        JournalOptions options = noSnapshots
                ? new JournalOptions(Integer.MAX_VALUE, JournalOptions.DEFAULTS.historyLimit())
                : JournalOptions.DEFAULTS;
        Decider decider = new Decider(Fixtures.POOL);
        JournalWorkload workload = new JournalWorkload(live, backends);
        long began = System.nanoTime();
        long written;
        try (Journal journal = Journal.open(dataDir, decider, options)) {
            written = workload.write(journal, events, WRITE_BATCH, !noSnapshots);
        }
        long wrote = System.nanoTime();
        SlbState recovered;
        try (Journal journal = Journal.open(dataDir, decider, options)) {
            recovered = journal.recoveredState();
        }
        long reopened = System.nanoTime();
        if (!recovered.equals(workload.expected(written))) {
            System.err.println("generate-journal: reopening " + dataDir + " recovered " + recovered.loadBalancers().size()
                    + " load balancers at position " + recovered.position() + " (expected: " + live + " at " + written + ")");
            return 1;
        }
        System.out.printf(Locale.ROOT, "journal=%s events=%d live=%d backends=%d snapshots=%b write_s=%.2f reopen_s=%.2f%n",
                dataDir, written, live, backends, !noSnapshots, (wrote - began) / NANOS_PER_SECOND,
                (reopened - wrote) / NANOS_PER_SECOND);
        return 0;
    }
}
