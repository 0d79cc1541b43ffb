package io.slb.pipeline;

import java.time.Duration;

/**
 * ReconcilerOptions tunes the reconciler: each stage's timeout, how often a failing stage is retried
 * (exponential backoff with jitter between {@code minBackoff} and {@code maxBackoff}) before the
 * load balancer is reported failed, and how often every load balancer is reconciled again to repair
 * drift.
 */
public record ReconcilerOptions(
        Duration stageTimeout, int retries, Duration minBackoff, Duration maxBackoff, Duration resyncInterval) {

    /** Defaults: 10 s per stage, 3 retries from 200 ms to 5 s, resync every 30 s (the bound). */
    public static final ReconcilerOptions DEFAULTS = new ReconcilerOptions(
            Duration.ofSeconds(10), 3, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30));

    public ReconcilerOptions {
        if (retries < 0) {
            throw new IllegalArgumentException("retries: " + retries + " (expected: >= 0)");
        }
        if (resyncInterval.isZero() || resyncInterval.isNegative()) {
            throw new IllegalArgumentException("resyncInterval: " + resyncInterval + " (expected: > 0)");
        }
    }
}
