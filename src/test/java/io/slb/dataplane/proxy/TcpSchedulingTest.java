package io.slb.dataplane.proxy;

import static io.slb.dataplane.proxy.Fixtures.backend;
import static io.slb.dataplane.proxy.Fixtures.loopback;
import static io.slb.dataplane.proxy.Fixtures.nameVia;
import static io.slb.dataplane.proxy.Fixtures.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.slb.core.Backend;
import io.slb.core.LoadBalancer;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TCP connections through the VIP are spread as IPVS's schedulers would spread them. */
class TcpSchedulingTest {
    private static final InetAddress VIP = loopback("127.77.1.1");
    private static final InetAddress DEAD = loopback("127.77.1.99");
    private static final Duration APPLY = Duration.ofSeconds(5);

    private ProxyDataplane proxy;
    private TcpNameServer a;
    private TcpNameServer b;
    private TcpNameServer c;

    @BeforeEach
    void start() throws IOException {
        proxy = new ProxyDataplane(Fixtures.FAST);
        a = new TcpNameServer("a", loopback("127.77.1.11"));
        b = new TcpNameServer("b", loopback("127.77.1.12"));
        c = new TcpNameServer("c", loopback("127.77.1.13"));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        a.close();
        b.close();
        c.close();
    }

    @Test
    void roundRobinTakesEachBackendInTurn() {
        LoadBalancer lb = applied(tcp(VIP, "rr", List.of(backend(a, 1), backend(b, 1), backend(c, 1))));

        assertThat(names(lb, 6)).containsExactly("a", "b", "c", "a", "b", "c");
    }

    @Test
    void roundRobinGivesWeightZeroNoNewConnections() {
        LoadBalancer lb = applied(tcp(VIP, "rr", List.of(backend(a, 1), backend(b, 0), backend(c, 1))));

        assertThat(names(lb, 4)).containsExactly("a", "c", "a", "c");
        assertThat(b.accepted()).isZero();
    }

    @Test
    void weightedRoundRobinInterleavesByWeight() {
        LoadBalancer lb = applied(tcp(VIP, "wrr", List.of(backend(a, 3), backend(b, 1))));

        // ip_vs_wrr.c's order for weights 3 and 1.
        assertThat(names(lb, 8)).containsExactly("a", "a", "a", "b", "a", "a", "a", "b");
    }

    @Test
    void weightedRoundRobinCountsFollowWeights() {
        LoadBalancer lb = applied(tcp(VIP, "wrr", List.of(backend(a, 4), backend(b, 2), backend(c, 1))));

        Map<String, Long> counts = names(lb, 14).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("a", 8L, "b", 4L, "c", 2L));
    }

    @Test
    void leastConnectionSendsNewConnectionsToTheLeastBusy() {
        LoadBalancer lb = applied(tcp(VIP, "lc", List.of(backend(a, 1), backend(b, 1))));
        List<Fixtures.Client> held = new ArrayList<>();
        try {
            // Each held connection makes its backend busier, so the next goes to the other one.
            for (int i = 0; i < 4; i++) {
                Fixtures.Client client = Fixtures.Client.connect(lb);
                held.add(client);
                client.readLine();
            }
            assertThat(a.accepted()).isEqualTo(2);
            assertThat(b.accepted()).isEqualTo(2);
            held.remove(0).close(); // a: 1 held, b: 2 held
            org.awaitility.Awaitility.await().atMost(APPLY)
                    .until(() -> proxy.stats(lb.uuid()).orElseThrow().total().activeConnections() == 3);

            assertThat(nameVia(lb)).isEqualTo("a");
        } finally {
            held.forEach(Fixtures.Client::close);
        }
    }

    @Test
    void weightedLeastConnectionWeighsActiveConnections() {
        LoadBalancer lb = applied(tcp(VIP, "wlc", List.of(backend(a, 1), backend(b, 3))));
        List<Fixtures.Client> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Fixtures.Client client = Fixtures.Client.connect(lb);
                held.add(client);
                client.readLine();
            }
            // wlc keeps b at three times a's load: a=1, b=3.
            assertThat(a.accepted()).isEqualTo(1);
            assertThat(b.accepted()).isEqualTo(3);
        } finally {
            held.forEach(Fixtures.Client::close);
        }
    }

    @Test
    void sourceHashKeepsAClientOnOneBackend() {
        LoadBalancer lb = applied(tcp(VIP, "sh", List.of(backend(a, 1), backend(b, 1), backend(c, 1))));

        List<String> names = names(lb, 6);

        assertThat(names).hasSize(6).containsOnly(names.get(0));
    }

    @Test
    void sourceHashFallsBackWhenTheHashedBackendRefuses() {
        List<TcpNameServer> servers = List.of(a, b, c);
        List<Backend> backends = servers.stream().map(server -> backend(server, 1)).toList();
        LoadBalancer lb = applied(tcp(VIP, "sh", backends));
        String first = nameVia(lb);
        int hashed = servers.indexOf(servers.stream().filter(s -> s.name().equals(first)).findFirst().orElseThrow());
        // Same position in the table, but nothing listens there.
        List<Backend> refusing = new ArrayList<>(backends);
        refusing.set(hashed, backend(DEAD, Fixtures.freeTcpPort(DEAD), 1));
        applied(new LoadBalancer(lb.uuid(), lb.name(), lb.eip(), lb.port(), lb.protocol(), lb.scheduler(),
                refusing, lb.status(), lb.createdAt()));

        List<String> names = names(lb, 3);

        assertThat(names).doesNotContain(first).containsOnly(names.get(0));
    }

    private LoadBalancer applied(LoadBalancer lb) {
        proxy.apply(lb).block(APPLY);
        return lb;
    }

    private static List<String> names(LoadBalancer lb, int connections) {
        return IntStream.range(0, connections).mapToObj(i -> nameVia(lb)).toList();
    }
}
