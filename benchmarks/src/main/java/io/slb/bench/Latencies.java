package io.slb.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Latencies records request latencies in nanoseconds, up to a fixed number of samples (the caller sizes
 * it from rate × duration), and reports percentiles by sorting. Thread safe (synchronized; recording is
 * far cheaper than the HTTP round trip it measures).
 */
final class Latencies {
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private final long[] samples;
    private int count;
    private long overflow;

    /** @throws IllegalArgumentException if {@code capacity < 1} */
    Latencies(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        this.samples = new long[capacity];
    }

    /** Records one latency; beyond the capacity it is only counted (reported as {@code unrecorded}). */
    synchronized void record(long nanos) {
        if (count < samples.length) {
            samples[count++] = nanos;
        } else {
            overflow++;
        }
    }

    synchronized int count() {
        return count;
    }

    /** Returns {@code p50_ms=… p90_ms=… p99_ms=… p999_ms=… max_ms=…} (and {@code unrecorded=} if any were lost). */
    synchronized String summary() {
        if (count == 0) {
            return "p50_ms=NaN p90_ms=NaN p99_ms=NaN p999_ms=NaN max_ms=NaN";
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        String s = String.format(Locale.ROOT, "p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f",
                ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 0.999), sorted[count - 1] / NANOS_PER_MILLI);
        return overflow == 0 ? s : s + " unrecorded=" + overflow;
    }

    /** Nearest-rank percentile. */
    private static double ms(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)] / NANOS_PER_MILLI;
    }
}
