package io.slb.dataplane.proxy;

import static io.slb.dataplane.proxy.Fixtures.backend;
import static io.slb.dataplane.proxy.Fixtures.loopback;
import static io.slb.dataplane.proxy.Fixtures.nameVia;
import static io.slb.dataplane.proxy.Fixtures.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.slb.core.Backend;
import io.slb.core.LoadBalancer;
import io.slb.dataplane.TrafficStats;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refused backends are skipped without the client noticing; removed backends drain, within a bound. */
class TcpFailoverAndDrainTest {
    private static final InetAddress VIP = loopback("127.77.2.1");
    private static final InetAddress DEAD = loopback("127.77.2.99");
    private static final Duration APPLY = Duration.ofSeconds(5);

    private ProxyDataplane proxy;
    private TcpNameServer a;
    private TcpNameServer b;

    @BeforeEach
    void start() throws IOException {
        proxy = new ProxyDataplane(Fixtures.FAST);
        a = new TcpNameServer("a", loopback("127.77.2.11"));
        b = new TcpNameServer("b", loopback("127.77.2.12"));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        a.close();
        b.close();
    }

    @Test
    void refusingBackendIsSkippedWithoutClientError() {
        Backend dead = backend(DEAD, Fixtures.freeTcpPort(DEAD), 1);
        LoadBalancer lb = applied(tcp(VIP, "rr", List.of(dead, backend(a, 1))));

        List<String> names = IntStream.range(0, 4).mapToObj(i -> nameVia(lb)).toList();

        assertThat(names).containsOnly("a");
        assertThat(proxy.stats(lb.uuid()).orElseThrow().backends().get(dead.uuid()).totalConnections()).isZero();
    }

    @Test
    void clientIsClosedWhenEveryBackendRefuses() {
        Backend dead = backend(DEAD, Fixtures.freeTcpPort(DEAD), 1);
        LoadBalancer lb = applied(tcp(VIP, "rr", List.of(dead)));

        try (Fixtures.Client client = Fixtures.Client.connect(lb)) {
            assertThat(client.readLine()).isNull();
        }
    }

    @Test
    void removedBackendDrainsThenCloses() {
        Backend backendA = backend(a, 1);
        Backend backendB = backend(b, 1);
        LoadBalancer lb = applied(tcp(VIP, "rr", List.of(backendA, backendB)));
        try (Fixtures.Client held = Fixtures.Client.connect(lb)) {
            assertThat(held.readLine()).isEqualTo("a");

            applied(lb.withoutBackend(backendA.uuid()));

            held.send("still here\n");
            assertThat(held.readLine()).isEqualTo("still here");
            assertThat(List.of(nameVia(lb), nameVia(lb))).containsOnly("b");
            assertThat(proxy.stats(lb.uuid()).orElseThrow().backends()).containsKey(backendA.uuid());
            // FAST's drain bound is 1 s: then the proxy closes the connection.
            assertThat(held.readLine()).isNull();
        }
        await().atMost(APPLY).until(() -> !proxy.stats(lb.uuid()).orElseThrow().backends()
                .containsKey(backendA.uuid()));
    }

    @Test
    void drainEndsEarlyWhenTheLastConnectionCloses() {
        Backend backendA = backend(a, 1);
        LoadBalancer lb = applied(tcp(VIP, "rr", List.of(backendA, backend(b, 1))));
        try (Fixtures.Client held = Fixtures.Client.connect(lb)) {
            assertThat(held.readLine()).isEqualTo("a");
            applied(lb.withoutBackend(backendA.uuid()));
        }

        await().atMost(APPLY).until(() -> !proxy.stats(lb.uuid()).orElseThrow().backends()
                .containsKey(backendA.uuid()));
    }

    @Test
    void backendAddedBackWhileDrainingKeepsItsConnections() {
        Backend backendA = backend(a, 1);
        LoadBalancer lb = applied(tcp(VIP, "rr", List.of(backendA, backend(b, 1))));
        try (Fixtures.Client held = Fixtures.Client.connect(lb)) {
            assertThat(held.readLine()).isEqualTo("a");
            LoadBalancer without = applied(lb.withoutBackend(backendA.uuid()));
            applied(without.withBackend(backendA));

            // Past the 1 s drain bound, the connection is still served.
            await().pollDelay(Duration.ofMillis(1500)).atMost(APPLY).until(() -> true);
            held.send("kept\n");
            assertThat(held.readLine()).isEqualTo("kept");
        }
    }

    @Test
    void reapplyingKeepsConnectionsAndUpdatesWeightsInPlace() {
        Backend backendA = backend(a, 1);
        Backend backendB = backend(b, 1);
        LoadBalancer lb = applied(tcp(VIP, "rr", List.of(backendA, backendB)));
        try (Fixtures.Client held = Fixtures.Client.connect(lb)) {
            assertThat(held.readLine()).isEqualTo("a");
            Backend quiesced = new Backend(backendA.uuid(), backendA.ip(), backendA.port(), 0, backendA.type());
            LoadBalancer changed = lb.withoutBackend(backendA.uuid()).withBackend(quiesced);

            applied(changed);
            applied(changed);

            assertThat(List.of(nameVia(lb), nameVia(lb))).containsOnly("b");
            held.send("same connection\n");
            assertThat(held.readLine()).isEqualTo("same connection");
            TrafficStats.Counters countersA = proxy.stats(lb.uuid()).orElseThrow().backends().get(backendA.uuid());
            assertThat(countersA.activeConnections()).isEqualTo(1);
            assertThat(countersA.totalConnections()).isEqualTo(1);
        }
    }

    private LoadBalancer applied(LoadBalancer lb) {
        proxy.apply(lb).block(APPLY);
        return lb;
    }
}
