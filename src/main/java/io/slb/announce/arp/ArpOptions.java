package io.slb.announce.arp;

import java.time.Duration;

/**
 * ArpOptions tunes the gratuitous announcements of {@link ArpAnnouncer}.
 *
 * @param count    rounds sent when a VIP comes up (each round: ARP request and reply, or one NA)
 * @param interval time between two rounds of the same burst
 * @param refresh  period of re-announcing every VIP after its burst, or {@link Duration#ZERO} for never
 */
public record ArpOptions(int count, Duration interval, Duration refresh) {
    /** Bounds a burst: more would flood the segment's broadcast domain for no gain. */
    static final int MAX_COUNT = 100;
    /** Bounds the interval so that a burst always ends within minutes. */
    static final Duration MAX_INTERVAL = Duration.ofMinutes(1);
    /** A refresh below one second would be broadcast spam (kube-vip's period is 3 s). */
    static final Duration MIN_REFRESH = Duration.ofSeconds(1);

    /**
     * DEFAULTS follow MetalLB's layer-2 speaker (internal/layer2/announcer.go, {@code spamLoop}): one
     * round at once, then one every 1100 ms until 5 s have passed, so 5 rounds. MetalLB issue #172
     * ("See https://github.com/metallb/metallb/issues/172 for the 1100 choice") explains the 1.1 s:
     * if one frame lands inside a neighbour's ARP locktime (Linux {@code locktime}, 1 s by default),
     * the next arrives after it has expired. Periodic refresh is off, as in MetalLB; kube-vip
     * re-announces every 3 s, which {@code --arpRefresh 3s} reproduces.
     */
    public static final ArpOptions DEFAULTS = new ArpOptions(5, Duration.ofMillis(1100), Duration.ZERO);

    public ArpOptions {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count: " + count + " (expected: 1.." + MAX_COUNT + ")");
        }
        if (interval.isNegative() || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("interval: " + interval + " (expected: 0s.." + MAX_INTERVAL + ")");
        }
        if (!refresh.isZero() && refresh.compareTo(MIN_REFRESH) < 0) {
            throw new IllegalArgumentException("refresh: " + refresh + " (expected: 0s (off) or >= " + MIN_REFRESH + ")");
        }
    }
}
