package io.slb.dataplane.proxy;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Scheduler picks the backend for a new connection or UDP session, with the meaning IPVS gives the
 * same name (net/netfilter/ipvs/ip_vs_NAME.c). A backend of weight 0 is never picked (IPVS
 * quiescence) and neither is one in {@code tried}, the backends that already refused this client
 * connection. One instance serves one immutable list of upstreams; {@link #pick} is thread safe.
 */
sealed interface Scheduler {
    /** The scheduler names this data plane implements, in the order error messages list them. */
    List<String> SUPPORTED = List.of("rr", "wrr", "lc", "wlc", "sh");

    /**
     * Returns the upstream for a new connection from {@code client}, or null if every upstream has
     * weight 0 or is in {@code tried}.
     */
    @Nullable Upstream pick(InetAddress client, Set<Upstream> tried);

    /**
     * Returns the scheduler called {@code name} over {@code upstreams}.
     *
     * @throws IllegalArgumentException if {@code name} is not one of {@link #SUPPORTED}
     */
    static Scheduler of(String name, List<Upstream> upstreams) {
        return switch (name) {
            case "rr" -> new RoundRobin(upstreams);
            case "wrr" -> new WeightedRoundRobin(upstreams);
            case "lc" -> new LeastConnection(upstreams, false);
            case "wlc" -> new LeastConnection(upstreams, true);
            case "sh" -> new SourceHash(upstreams);
            default -> throw new IllegalArgumentException("scheduler: " + name + " (expected: one of "
                    + String.join(", ", SUPPORTED) + "; the others need --dataplane ipvs)");
        };
    }

    private static boolean available(Upstream upstream, Set<Upstream> tried) {
        return upstream.weight() > 0 && !tried.contains(upstream);
    }

    /** RoundRobin (ip_vs_rr.c) takes the next available upstream after the last one picked. */
    final class RoundRobin implements Scheduler {
        private final List<Upstream> upstreams;
        private int next;

        RoundRobin(List<Upstream> upstreams) {
            this.upstreams = List.copyOf(upstreams);
        }

        @Override
        public synchronized @Nullable Upstream pick(InetAddress client, Set<Upstream> tried) {
            int n = upstreams.size();
            for (int step = 0; step < n; step++) {
                int index = (next + step) % n;
                Upstream candidate = upstreams.get(index);
                if (available(candidate, tried)) {
                    next = (index + 1) % n;
                    return candidate;
                }
            }
            return null;
        }
    }

    /**
     * WeightedRoundRobin is IPVS's interleaved weighted round robin (ip_vs_wrr.c): a current weight
     * starts at the largest weight and falls by the weights' gcd after each pass over the list;
     * a pass picks every upstream whose weight is at least the current weight. Weights 3 and 1
     * give a, a, a, b.
     */
    final class WeightedRoundRobin implements Scheduler {
        private final List<Upstream> upstreams;
        private int index = -1;
        private int currentWeight;

        WeightedRoundRobin(List<Upstream> upstreams) {
            this.upstreams = List.copyOf(upstreams);
        }

        @Override
        public synchronized @Nullable Upstream pick(InetAddress client, Set<Upstream> tried) {
            int max = 0;
            int gcd = 0;
            for (Upstream upstream : upstreams) {
                max = Math.max(max, upstream.weight());
                gcd = gcd(gcd, Math.max(upstream.weight(), 0));
            }
            if (max <= 0) {
                return null;
            }
            int n = upstreams.size();
            // NB: one full cycle is n * (max / gcd) steps; after it every available upstream was seen.
            long bound = (long) n * (max / gcd) + n;
            for (long step = 0; step < bound; step++) {
                index = (index + 1) % n;
                if (index == 0) {
                    currentWeight -= gcd;
                    if (currentWeight <= 0) {
                        currentWeight = max;
                    }
                }
                Upstream candidate = upstreams.get(index);
                if (candidate.weight() >= currentWeight && available(candidate, tried)) {
                    return candidate;
                }
            }
            return null;
        }

        private static int gcd(int a, int b) {
            return b == 0 ? a : gcd(b, a % b);
        }
    }

    /**
     * LeastConnection picks the upstream with the fewest active connections (ip_vs_lc.c), or with
     * {@code weighted} the fewest per unit of weight (ip_vs_wlc.c); ties go to the earlier upstream.
     * IPVS also counts inactive (TIME_WAIT) entries at 1/256; a proxy has no such state.
     */
    final class LeastConnection implements Scheduler {
        private final List<Upstream> upstreams;
        private final boolean weighted;

        LeastConnection(List<Upstream> upstreams, boolean weighted) {
            this.upstreams = List.copyOf(upstreams);
            this.weighted = weighted;
        }

        @Override
        public @Nullable Upstream pick(InetAddress client, Set<Upstream> tried) {
            Upstream least = null;
            long leastLoad = 0;
            for (Upstream candidate : upstreams) {
                if (!available(candidate, tried)) {
                    continue;
                }
                long load = candidate.active();
                // a/wa < b/wb  <=>  a*wb < b*wa (weights > 0), as ip_vs_wlc.c compares.
                if (least == null || (weighted
                        ? load * least.weight() < leastLoad * candidate.weight()
                        : load < leastLoad)) {
                    least = candidate;
                    leastLoad = load;
                }
            }
            return least;
        }
    }

    /**
     * SourceHash maps the client address to one of 256 buckets (ip_vs_sh.c's IP_VS_SH_TAB_SIZE),
     * each upstream holding as many consecutive buckets as its weight, so a client keeps its backend
     * while the backend set is unchanged. If that backend is unavailable the next buckets are tried,
     * as IPVS does with its sh-fallback flag.
     */
    final class SourceHash implements Scheduler {
        private static final int TABLE_BITS = 8;
        private static final int TABLE_SIZE = 1 << TABLE_BITS;
        /** The kernel's GOLDEN_RATIO_32 (include/linux/hash.h), as hash_32() multiplies by. */
        private static final int GOLDEN_RATIO_32 = 0x61C88647;

        private final Upstream[] table = new Upstream[TABLE_SIZE];
        private final boolean empty;

        SourceHash(List<Upstream> upstreams) {
            empty = upstreams.isEmpty();
            int member = 0;
            int filled = 0;
            for (int bucket = 0; bucket < TABLE_SIZE && !empty; bucket++) {
                Upstream upstream = upstreams.get(member);
                table[bucket] = upstream;
                if (++filled >= upstream.weight()) {
                    member = (member + 1) % upstreams.size();
                    filled = 0;
                }
            }
        }

        @Override
        public @Nullable Upstream pick(InetAddress client, Set<Upstream> tried) {
            if (empty) {
                return null;
            }
            int start = hash(client);
            for (int offset = 0; offset < TABLE_SIZE; offset++) {
                Upstream candidate = table[(start + offset) % TABLE_SIZE];
                if (available(candidate, tried)) {
                    return candidate;
                }
            }
            return null;
        }

        /** Returns hash_32(address folded to 32 bits, 8), as ip_vs_sh_hashkey() without the port. */
        static int hash(InetAddress client) {
            byte[] bytes = client.getAddress();
            int folded = 0;
            for (int i = 0; i < bytes.length; i += Integer.BYTES) {
                folded ^= ((bytes[i] & 0xFF) << 24) | ((bytes[i + 1] & 0xFF) << 16)
                        | ((bytes[i + 2] & 0xFF) << 8) | (bytes[i + 3] & 0xFF);
            }
            return (folded * GOLDEN_RATIO_32) >>> (Integer.SIZE - TABLE_BITS);
        }
    }
}
