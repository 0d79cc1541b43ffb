package io.slb.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * LoadClient is the HTTP client of the macro benchmarks, run against a live slb:
 * <ul>
 *   <li>{@code rate}: creates at a fixed rate; each latency is measured from the request's intended
 *       send time, not from when it was actually sent, so a stalled server cannot hide its stall
 *       (coordinated omission, as wrk2 and HdrHistogram handle it);
 *   <li>{@code saturate}: creates with {@code --concurrency} requests always in flight (closed loop);
 *   <li>{@code list}: {@code GET /loadbalancers} in a closed loop;
 *   <li>{@code populate}: creates {@code --lbs} load balancers with {@code --backends} backends each.
 * </ul>
 * Each prints one line of {@code key=value} results. Exit code 1 if any request failed.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        subcommands = {LoadClient.Rate.class, LoadClient.Saturate.class, LoadClient.ListAll.class, LoadClient.Populate.class})
public final class LoadClient {
    /** How long after the last request a run waits for stragglers before giving up on them. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    private static final double NANOS_PER_SECOND = 1e9;
    /** Latencies kept by a closed-loop run (32 MB); later ones are counted, not kept. */
    private static final int MAX_SAMPLES = 4_000_000;

    private LoadClient() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadClient()).execute(args));
    }

    /** Common is what every mode takes: where slb is and how many connections to use. */
    static class Common {
        @Option(names = "--url", required = true, description = "slb's API, such as http://127.0.0.1:10001")
        String url = "";

        @Option(names = "--connections", defaultValue = "64", description = "Keep-alive connections (default: ${DEFAULT-VALUE}).")
        int connections;

        @Option(names = "--maxInFlight", defaultValue = "4096", description = "Bound on requests in flight or waiting for a connection.")
        int maxInFlight;

        SlbClient client() {
            return new SlbClient(url, connections, maxInFlight, RESPONSE_TIMEOUT);
        }
    }

    /** Tally counts the outcomes of a run: successes, and failures by status code or exception class. */
    static final class Tally {
        final AtomicLong ok = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        private final Map<String, LongAdder> failures = new ConcurrentSkipListMap<>();

        void count(int status) {
            if (SlbClient.isSuccess(status)) {
                ok.incrementAndGet();
            } else {
                fail(Integer.toString(status));
            }
        }

        void error(Throwable error) {
            fail(error.getClass().getSimpleName());
        }

        private void fail(String why) {
            failed.incrementAndGet();
            failures.computeIfAbsent(why, k -> new LongAdder()).increment();
        }

        String line(String mode, long elapsedNanos, Latencies latencies, String extra) {
            double seconds = elapsedNanos / NANOS_PER_SECOND;
            StringBuilder why = new StringBuilder();
            failures.forEach((k, v) -> why.append(why.length() == 0 ? " failures=" : ",").append(k).append(':').append(v));
            return String.format(Locale.ROOT, "mode=%s %s ok=%d failed=%d elapsed_s=%.2f throughput_per_s=%.1f %s%s",
                    mode, extra, ok.get(), failed.get(), seconds, ok.get() / seconds, latencies.summary(), why);
        }

        int exitCode() {
            return failed.get() == 0 ? 0 : 1;
        }
    }

    @Command(name = "rate", description = "Create load balancers at a fixed rate; latency from the intended send time.")
    static final class Rate extends Common implements Callable<Integer> {
        @Option(names = "--rate", defaultValue = "1000", description = "Requests per second (default: ${DEFAULT-VALUE}).")
        int rate;

        @Option(names = "--warmup", defaultValue = "PT2S", description = "Sent at the rate but not measured (ISO-8601, default: ${DEFAULT-VALUE}).")
        Duration warmup;

        @Option(names = "--duration", defaultValue = "PT10S", description = "Measured part (ISO-8601, default: ${DEFAULT-VALUE}).")
        Duration duration;

        @Override
        public Integer call() throws InterruptedException {
            long period = (long) (NANOS_PER_SECOND / rate);
            long warmupCount = warmup.toNanos() / period;
            long total = warmupCount + duration.toNanos() / period;
            Latencies latencies = new Latencies(Math.toIntExact(total - warmupCount));
            Tally tally = new Tally();
            Semaphore inFlight = new Semaphore(maxInFlight);
            try (SlbClient client = client()) {
                long start = System.nanoTime();
                long measuredStart = start + warmupCount * period;
                for (long i = 0; i < total; i++) {
                    long intended = start + i * period;
                    for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    // NB: when the bound is reached the loop waits here; the latency still counts from
                    // `intended`, so the wait is charged to the server, not hidden.
                    inFlight.acquire();
                    boolean measured = i >= warmupCount;
                    client.create(i)
                            .doFinally(signal -> inFlight.release())
                            .subscribe(created -> {
                                if (measured) {
                                    latencies.record(System.nanoTime() - intended);
                                    tally.count(created.status());
                                }
                            }, error -> {
                                if (measured) {
                                    tally.error(error);
                                }
                            });
                }
                if (!inFlight.tryAcquire(maxInFlight, DRAIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    System.err.println("rate: " + (maxInFlight - inFlight.availablePermits())
                            + " requests still unanswered after " + DRAIN_TIMEOUT);
                }
                long elapsed = System.nanoTime() - measuredStart;
                System.out.println(tally.line("rate", elapsed, latencies, "rate_per_s=" + rate
                        + " measured_s=" + duration.toSeconds() + " warmup_s=" + warmup.toSeconds()));
            }
            return tally.exitCode();
        }
    }

    /** ClosedLoop runs {@code request} with {@code concurrency} in flight until {@code duration} is over. */
    static String closedLoop(String mode, int concurrency, Duration duration, LongFunction<Mono<Integer>> request,
                             Tally tally) throws InterruptedException, ExecutionException, TimeoutException {
        Latencies latencies = new Latencies(MAX_SAMPLES);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        Flux.<Long, Long>generate(() -> 0L, (n, sink) -> {
                    sink.next(n);
                    return n + 1;
                })
                .takeWhile(n -> System.nanoTime() < deadline)
                .flatMap(n -> timed(request.apply(n), latencies), concurrency)
                .doOnNext(tally::count)
                .onErrorContinue((error, value) -> tally.error(error))
                .then()
                .toFuture()
                .get(duration.plus(DRAIN_TIMEOUT).toSeconds(), TimeUnit.SECONDS);
        return tally.line(mode, System.nanoTime() - start, latencies, "concurrency=" + concurrency);
    }

    private static <T> Mono<T> timed(Mono<T> request, Latencies latencies) {
        return Mono.defer(() -> {
            long sent = System.nanoTime();
            return request.doOnNext(status -> latencies.record(System.nanoTime() - sent));
        });
    }

    @Command(name = "saturate", description = "Create load balancers as fast as slb answers (closed loop).")
    static final class Saturate extends Common implements Callable<Integer> {
        @Option(names = "--concurrency", defaultValue = "256", description = "Requests in flight (default: ${DEFAULT-VALUE}).")
        int concurrency;

        @Option(names = "--duration", defaultValue = "PT10S", description = "ISO-8601 (default: ${DEFAULT-VALUE}).")
        Duration duration;

        @Override
        public Integer call() throws InterruptedException, ExecutionException, TimeoutException {
            Tally tally = new Tally();
            try (SlbClient client = client()) {
                System.out.println(closedLoop("saturate", concurrency, duration,
                        n -> client.create(n).map(SlbClient.Created::status), tally));
            }
            return tally.exitCode();
        }
    }

    @Command(name = "list", description = "GET /loadbalancers in a closed loop.")
    static final class ListAll extends Common implements Callable<Integer> {
        @Option(names = "--concurrency", defaultValue = "4", description = "Requests in flight (default: ${DEFAULT-VALUE}).")
        int concurrency;

        @Option(names = "--duration", defaultValue = "PT10S", description = "ISO-8601 (default: ${DEFAULT-VALUE}).")
        Duration duration;

        @Override
        public Integer call() throws InterruptedException, ExecutionException, TimeoutException {
            Tally tally = new Tally();
            try (SlbClient client = client()) {
                System.out.println(closedLoop("list", concurrency, duration, n -> client.list(), tally));
            }
            return tally.exitCode();
        }
    }

    @Command(name = "populate", description = "Create --lbs load balancers with --backends backends each.")
    static final class Populate extends Common implements Callable<Integer> {
        @Option(names = "--lbs", defaultValue = "10000", description = "Load balancers (default: ${DEFAULT-VALUE}).")
        int lbs;

        @Option(names = "--backends", defaultValue = "10", description = "Backends per load balancer (default: ${DEFAULT-VALUE}).")
        int backends;

        @Option(names = "--concurrency", defaultValue = "64", description = "Load balancers being filled at once (default: ${DEFAULT-VALUE}).")
        int concurrency;

        @Option(names = "--timeout", defaultValue = "PT30M", description = "Give up after this long (ISO-8601, default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Override
        public Integer call() throws InterruptedException, ExecutionException, TimeoutException {
            Tally tally = new Tally();
            Latencies latencies = new Latencies(lbs * (backends + 1));
            long start = System.nanoTime();
            try (SlbClient client = client()) {
                Flux.range(0, lbs)
                        .flatMap(i -> timed(client.create(i), latencies)
                                .doOnNext(c -> tally.count(c.status()))
                                .filter(c -> SlbClient.isSuccess(c.status()))
                                .flatMapMany(c -> Flux.range(0, backends)
                                        .concatMap(j -> timed(client.addBackend(c.uuid(), (long) i * backends + j), latencies)))
                                .doOnNext(tally::count), concurrency)
                        .onErrorContinue((error, value) -> tally.error(error))
                        .then()
                        .toFuture()
                        .get(timeout.toSeconds(), TimeUnit.SECONDS);
            }
            System.out.println(tally.line("populate", System.nanoTime() - start, latencies,
                    "lbs=" + lbs + " backends=" + backends));
            return tally.exitCode();
        }
    }
}
