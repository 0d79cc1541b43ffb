package io.slb.dataplane.proxy;

import static io.slb.dataplane.proxy.Fixtures.loopback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The schedulers' choices, without sockets. */
class SchedulerTest {
    private static final InetAddress CLIENT = loopback("127.77.6.1");
    private static final InetAddress BACKENDS = loopback("127.77.6.10");

    private final TrafficCounters total = new TrafficCounters(null);

    private Upstream upstream(int weight) {
        return new Upstream(Fixtures.backend(BACKENDS, 1000 + weight, weight), total);
    }

    private static List<Upstream> picks(Scheduler scheduler, int count) {
        return IntStream.range(0, count).mapToObj(i -> scheduler.pick(CLIENT, Set.of())).toList();
    }

    @Test
    void roundRobinSkipsWeightZeroAndTriedUpstreams() {
        Upstream a = upstream(1);
        Upstream quiet = upstream(0);
        Upstream c = upstream(2);
        Scheduler rr = Scheduler.of("rr", List.of(a, quiet, c));

        assertThat(picks(rr, 4)).containsExactly(a, c, a, c);
        assertThat(rr.pick(CLIENT, Set.of(a))).isSameAs(c);
        assertThat(rr.pick(CLIENT, Set.of(a, c))).isNull();
    }

    @Test
    void weightedRoundRobinFollowsIpvsOrder() {
        Upstream a = upstream(4);
        Upstream b = upstream(3);
        Upstream c = upstream(2);
        Scheduler wrr = Scheduler.of("wrr", List.of(a, b, c));

        // ip_vs_wrr.c, weights 4, 3, 2: cw 4: a; cw 3: a b; cw 2: a b c; cw 1: a b c.
        assertThat(picks(wrr, 9)).containsExactly(a, a, b, a, b, c, a, b, c);
    }

    @Test
    void weightedRoundRobinWithEveryWeightZeroPicksNothing() {
        assertThat(Scheduler.of("wrr", List.of(upstream(0), upstream(0))).pick(CLIENT, Set.of())).isNull();
        assertThat(Scheduler.of("wrr", List.of()).pick(CLIENT, Set.of())).isNull();
    }

    @Test
    void weightedRoundRobinSkipsTriedUpstreams() {
        Upstream a = upstream(5);
        Upstream b = upstream(1);
        Scheduler wrr = Scheduler.of("wrr", List.of(a, b));

        assertThat(wrr.pick(CLIENT, Set.of(a))).isSameAs(b);
    }

    @Test
    void leastConnectionPrefersFewestActiveThenTheEarlierOne() {
        Upstream a = upstream(1);
        Upstream b = upstream(5);
        Scheduler lc = Scheduler.of("lc", List.of(a, b));

        assertThat(lc.pick(CLIENT, Set.of())).isSameAs(a);
        a.counters().opened();
        assertThat(lc.pick(CLIENT, Set.of())).isSameAs(b);
        b.counters().opened();
        b.counters().opened();
        assertThat(lc.pick(CLIENT, Set.of())).isSameAs(a);
    }

    @Test
    void weightedLeastConnectionDividesByWeight() {
        Upstream a = upstream(1);
        Upstream b = upstream(4);
        Scheduler wlc = Scheduler.of("wlc", List.of(a, b));
        a.counters().opened();
        b.counters().opened();
        b.counters().opened();
        b.counters().opened();

        // a: 1/1, b: 3/4.
        assertThat(wlc.pick(CLIENT, Set.of())).isSameAs(b);
        b.counters().opened();
        b.counters().opened();
        // a: 1/1, b: 5/4.
        assertThat(wlc.pick(CLIENT, Set.of())).isSameAs(a);
    }

    @Test
    void sourceHashIsStablePerClientAndSpreadsClients() {
        List<Upstream> upstreams = List.of(upstream(1), upstream(1), upstream(1));
        Scheduler sh = Scheduler.of("sh", upstreams);
        Set<Upstream> seen = new HashSet<>();

        for (int host = 1; host <= 32; host++) {
            InetAddress client = loopback("127.77.7." + host);
            Upstream first = sh.pick(client, Set.of());
            assertThat(sh.pick(client, Set.of())).isSameAs(first);
            seen.add(first);
        }

        assertThat(seen).containsExactlyInAnyOrderElementsOf(upstreams);
    }

    @Test
    void sourceHashHashesLikeTheKernel() {
        // hash_32(0x7f000001, 8) = (0x7f000001 * 0x61C88647) >>> 24.
        assertThat(Scheduler.SourceHash.hash(loopback("127.0.0.1")))
                .isEqualTo((0x7f000001 * 0x61C88647) >>> 24);
    }

    @Test
    void unknownSchedulerIsRejected() {
        assertThatThrownBy(() -> Scheduler.of("mh", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scheduler: mh (expected: one of rr, wrr, lc, wlc, sh; the others need --dataplane ipvs)");
    }
}
