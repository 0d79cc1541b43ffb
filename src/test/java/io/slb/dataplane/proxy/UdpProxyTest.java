package io.slb.dataplane.proxy;

import static io.slb.dataplane.proxy.Fixtures.loopback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.slb.core.Backend;
import io.slb.core.LoadBalancer;
import io.slb.core.Protocol;
import io.slb.dataplane.TrafficStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UDP through the VIP: one session per client address, round robin over sessions, bounded, expiring. */
class UdpProxyTest {
    private static final InetAddress VIP = loopback("127.77.4.1");
    private static final InetAddress CLIENTS = loopback("127.77.4.50");
    private static final Duration APPLY = Duration.ofSeconds(5);
    private static final Duration SESSION_IDLE = Duration.ofMillis(400);
    /** How long a test waits before deciding a datagram was dropped. */
    private static final int NO_REPLY_MILLIS = 500;

    private ProxyDataplane proxy;
    private UdpNameServer a;
    private UdpNameServer b;
    private Backend backendA;
    private Backend backendB;

    @BeforeEach
    void backends() throws IOException {
        a = new UdpNameServer("a", loopback("127.77.4.11"));
        b = new UdpNameServer("b", loopback("127.77.4.12"));
        backendA = Fixtures.backend(a.ip(), a.port(), 1);
        backendB = Fixtures.backend(b.ip(), b.port(), 1);
    }

    @AfterEach
    void stop() {
        proxy.close();
        a.close();
        b.close();
    }

    private LoadBalancer start(boolean epoll, ProxyOptions options) {
        proxy = new ProxyDataplane(options.withPreferEpoll(epoll).withUdpIdleTimeout(SESSION_IDLE));
        LoadBalancer lb = Fixtures.lb(VIP, Fixtures.freeUdpPort(VIP), Protocol.UDP, "rr", List.of(backendA, backendB));
        proxy.apply(lb).block(APPLY);
        return lb;
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void sessionsAreRoundRobinAndSticky(boolean epoll) throws IOException {
        LoadBalancer lb = start(epoll, Fixtures.FAST);
        try (DatagramSocket first = client(); DatagramSocket second = client()) {
            assertThat(ask(first, lb, "1")).isEqualTo("a:1");
            assertThat(ask(second, lb, "2")).isEqualTo("b:2");
            assertThat(ask(first, lb, "3")).isEqualTo("a:3");
            assertThat(ask(second, lb, "4")).isEqualTo("b:4");

            TrafficStats stats = proxy.stats(lb.uuid()).orElseThrow();
            assertThat(stats.total()).isEqualTo(new TrafficStats.Counters(2, 2, 4, "a:1b:2a:3b:4".length()));
            assertThat(stats.backends().get(backendA.uuid()).totalConnections()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void idleSessionsExpire(boolean epoll) throws IOException {
        LoadBalancer lb = start(epoll, Fixtures.FAST);
        try (DatagramSocket first = client()) {
            assertThat(ask(first, lb, "1")).isEqualTo("a:1");

            await().atMost(APPLY).until(() -> proxy.stats(lb.uuid()).orElseThrow().total().activeConnections() == 0);

            // A new session, so round robin moves on.
            assertThat(ask(first, lb, "2")).isEqualTo("b:2");
            assertThat(proxy.stats(lb.uuid()).orElseThrow().total().totalConnections()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void sessionTableIsBounded(boolean epoll) throws IOException {
        LoadBalancer lb = start(epoll, Fixtures.FAST.withMaxUdpSessions(1));
        try (DatagramSocket first = client(); DatagramSocket second = client()) {
            assertThat(ask(first, lb, "1")).isEqualTo("a:1");

            send(second, lb, "dropped");
            second.setSoTimeout(NO_REPLY_MILLIS);
            assertThatThrownBy(() -> receive(second)).hasCauseInstanceOf(SocketTimeoutException.class);
            assertThat(proxy.stats(lb.uuid()).orElseThrow().total().totalConnections()).isEqualTo(1);

            // Once the first session expires there is room again.
            await().atMost(APPLY).until(() -> proxy.stats(lb.uuid()).orElseThrow().total().activeConnections() == 0);
            assertThat(ask(second, lb, "2")).isEqualTo("b:2");
        }
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void removingTheLoadBalancerFreesItsPort(boolean epoll) throws IOException {
        LoadBalancer lb = start(epoll, Fixtures.FAST);
        try (DatagramSocket first = client()) {
            assertThat(ask(first, lb, "1")).isEqualTo("a:1");
        }

        proxy.remove(lb).block(APPLY);

        assertThat(proxy.stats(lb.uuid())).isEmpty();
        // NB: NIO releases a closed socket's port at its selector's next wake-up, so wait for it.
        await().atMost(APPLY).ignoreExceptions().until(() -> {
            try (DatagramSocket rebound = new DatagramSocket(new InetSocketAddress(VIP, lb.port()))) {
                return rebound.getLocalPort() == lb.port();
            }
        });
    }

    private static DatagramSocket client() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(CLIENTS, 0));
        socket.setSoTimeout((int) Fixtures.READ_TIMEOUT.toMillis());
        return socket;
    }

    private static String ask(DatagramSocket socket, LoadBalancer lb, String payload) {
        send(socket, lb, payload);
        return receive(socket);
    }

    private static void send(DatagramSocket socket, LoadBalancer lb, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(lb.eip(), lb.port())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String receive(DatagramSocket socket) {
        byte[] buffer = new byte[2048];
        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(reply);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
    }
}
