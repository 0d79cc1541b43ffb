package io.slb.dataplane.proxy;

import static io.slb.dataplane.proxy.Fixtures.backend;
import static io.slb.dataplane.proxy.Fixtures.loopback;
import static io.slb.dataplane.proxy.Fixtures.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.slb.core.Backend;
import io.slb.core.LoadBalancer;
import io.slb.dataplane.TrafficStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bytes cross the proxy intact both ways, a FIN crosses as a half-close, a slow reader throttles
 * the backend instead of filling the proxy's memory, idle connections close, and counters add up.
 * Each runs on epoll and on NIO.
 */
class TcpRelayTest {
    private static final InetAddress VIP = loopback("127.77.3.1");
    private static final InetAddress BACKEND = loopback("127.77.3.11");
    private static final Duration APPLY = Duration.ofSeconds(5);
    /** Kernel socket buffers on the path (rmem up to 32 MiB here) hold far less than this. */
    private static final long THROTTLED_BOUND = 96L * 1024 * 1024;

    private ProxyDataplane proxy;

    private void start(boolean epoll, ProxyOptions options) {
        proxy = new ProxyDataplane(options.withPreferEpoll(epoll));
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void halfCloseLetsTheBackendStillReply(boolean epoll) throws IOException {
        start(epoll, Fixtures.FAST);
        try (TcpNameServer a = new TcpNameServer("a", BACKEND)) {
            LoadBalancer lb = applied(tcp(VIP, "rr", List.of(backend(a, 1))));
            try (Fixtures.Client client = Fixtures.Client.connect(lb)) {
                assertThat(client.readLine()).isEqualTo("a");
                client.send("ping\n");
                assertThat(client.readLine()).isEqualTo("ping");

                client.socket.shutdownOutput();

                assertThat(client.readLine()).isEqualTo("bye a");
                assertThat(client.readLine()).isNull();
            }
            await().atMost(APPLY).until(() -> active(lb) == 0);
        }
    }

    /** Bytes and a FIN sent right after connecting (before the backend answered) all reach it, in order. */
    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void whatAClientSendsBeforeTheBackendAnswersIsDelivered(boolean epoll) throws IOException {
        start(epoll, Fixtures.FAST);
        try (TcpNameServer a = new TcpNameServer("a", BACKEND)) {
            LoadBalancer lb = applied(tcp(VIP, "rr", List.of(backend(a, 1))));
            for (int i = 0; i < 20; i++) {
                try (Fixtures.Client client = Fixtures.Client.connect(lb)) {
                    client.send("early " + i + "\n");
                    client.socket.shutdownOutput();

                    assertThat(client.readLine()).isEqualTo("a");
                    assertThat(client.readLine()).isEqualTo("early " + i);
                    assertThat(client.readLine()).isEqualTo("bye a");
                    assertThat(client.readLine()).isNull();
                }
            }
            await().atMost(APPLY).until(() -> active(lb) == 0);
            long sent = IntStream.range(0, 20).mapToObj(i -> "early " + i + "\n").mapToLong(String::length).sum();
            assertThat(proxy.stats(lb.uuid()).orElseThrow().total().bytesIn()).isEqualTo(sent);
        }
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void slowReaderThrottlesTheBackend(boolean epoll) throws Exception {
        start(epoll, Fixtures.FAST);
        try (StreamingServer streaming = new StreamingServer(BACKEND)) {
            InetSocketAddress at = streaming.address();
            LoadBalancer lb = applied(tcp(VIP, "rr", List.of(backend(at.getAddress(), at.getPort(), 1))));
            try (Socket client = new Socket()) {
                client.setSoTimeout((int) Fixtures.READ_TIMEOUT.toMillis());
                client.connect(new InetSocketAddress(lb.eip(), lb.port()));

                // The client reads nothing: the backend must end up blocked, and stay blocked.
                await().atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(1)).until(streaming::unwritable);
                long stalledAt = streaming.written();
                assertThat(stalledAt).isLessThan(THROTTLED_BOUND);

                // Reading resumes the stream: the throttle is backpressure, not a broken relay.
                drain(client.getInputStream(), stalledAt + THROTTLED_BOUND);
                assertThat(streaming.written()).isGreaterThan(stalledAt);
            }
        }
    }

    /**
     * 32 MiB of random bytes through an echoing backend, written and read at once: every byte comes
     * back in order, across partial writes (the client reads slower than it writes at times) and the
     * relay's turns on the event loop.
     */
    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void bulkBytesCrossBothWaysIntact(boolean epoll) throws Exception {
        start(epoll, Fixtures.FAST);
        byte[] payload = new byte[32 * 1024 * 1024];
        new Random(42).nextBytes(payload);
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(BACKEND, 0));
            CompletableFuture<Void> echo = CompletableFuture.runAsync(() -> {
                try (Socket accepted = server.accept()) {
                    accepted.getInputStream().transferTo(accepted.getOutputStream());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            LoadBalancer lb = applied(tcp(VIP, "rr", List.of(backend(BACKEND, server.getLocalPort(), 1))));
            try (Socket client = new Socket()) {
                client.setSoTimeout((int) Fixtures.READ_TIMEOUT.toMillis());
                client.connect(new InetSocketAddress(lb.eip(), lb.port()));
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    try {
                        for (int at = 0; at < payload.length; at += 100_000) {
                            client.getOutputStream().write(payload, at, Math.min(100_000, payload.length - at));
                        }
                        client.shutdownOutput();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                byte[] back = client.getInputStream().readAllBytes();
                writer.get(30, TimeUnit.SECONDS);

                assertThat(back.length).isEqualTo(payload.length);
                assertThat(Arrays.equals(back, payload)).as("echoed bytes equal the bytes sent").isTrue();
            }
            echo.get(30, TimeUnit.SECONDS);
            await().atMost(APPLY).until(() -> active(lb) == 0);
            TrafficStats.Counters total = proxy.stats(lb.uuid()).orElseThrow().total();
            assertThat(total.bytesIn()).isEqualTo(payload.length);
            assertThat(total.bytesOut()).isEqualTo(payload.length);
        }
    }

    /**
     * A backend whose accept queue is full never completes a handshake (Linux drops the SYN): after
     * the connect timeout the next backend takes the client, which sees no error.
     */
    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void backendThatDoesNotAnswerIsSkippedAfterTheConnectTimeout(boolean epoll) throws IOException {
        start(epoll, Fixtures.FAST);
        InetAddress stuckIp = loopback("127.77.3.13");
        try (ServerSocket stuck = new ServerSocket(0, 1, stuckIp);
                TcpNameServer b = new TcpNameServer("b", loopback("127.77.3.12"))) {
            List<Socket> queued = new ArrayList<>();
            try {
                // Fill the accept queue (backlog 1) so further SYNs are dropped.
                for (int i = 0; i < 3; i++) {
                    Socket socket = new Socket();
                    queued.add(socket);
                    try {
                        socket.connect(stuck.getLocalSocketAddress(), 200);
                    } catch (IOException e) {
                        break;
                    }
                }
                LoadBalancer lb = applied(tcp(VIP, "rr", List.of(
                        backend(stuckIp, stuck.getLocalPort(), 1), backend(b, 1))));
                long started = System.nanoTime();

                assertThat(Fixtures.nameVia(lb)).isEqualTo("b");

                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertThat(waited).as("ms until the second backend answered")
                        .isGreaterThanOrEqualTo(Fixtures.FAST.connectTimeout().toMillis() - 100);
            } finally {
                for (Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void idleConnectionIsClosed(boolean epoll) throws IOException {
        start(epoll, Fixtures.FAST.withIdleTimeout(Duration.ofMillis(300)));
        try (TcpNameServer a = new TcpNameServer("a", BACKEND)) {
            LoadBalancer lb = applied(tcp(VIP, "rr", List.of(backend(a, 1))));
            try (Fixtures.Client client = Fixtures.Client.connect(lb)) {
                assertThat(client.readLine()).isEqualTo("a");

                // Nothing is sent; the proxy closes within its idle bound (the read times out at 5 s).
                assertThat(client.readLine()).isNull();
            }
        }
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void busyConnectionOutlivesTheIdleTimeout(boolean epoll) throws Exception {
        start(epoll, Fixtures.FAST.withIdleTimeout(Duration.ofMillis(300)));
        try (TcpNameServer a = new TcpNameServer("a", BACKEND)) {
            LoadBalancer lb = applied(tcp(VIP, "rr", List.of(backend(a, 1))));
            try (Fixtures.Client client = Fixtures.Client.connect(lb)) {
                assertThat(client.readLine()).isEqualTo("a");
                // Traffic every 100 ms for four idle timeouts: the connection stays up throughout.
                for (int i = 0; i < 12; i++) {
                    client.send(i + "\n");
                    assertThat(client.readLine()).isEqualTo(Integer.toString(i));
                    Thread.sleep(100);
                }
                // Then silence: closed within the bound.
                assertThat(client.readLine()).isNull();
            }
            await().atMost(APPLY).until(() -> active(lb) == 0);
        }
    }

    /** The backend half-closes first (as an HTTP server answering "Connection: close" does). */
    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void backendThatFinishesFirstStillGetsWhatTheClientSendsAfter(boolean epoll) throws Exception {
        start(epoll, Fixtures.FAST);
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(BACKEND, 0));
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (Socket accepted = server.accept()) {
                    accepted.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
                    accepted.shutdownOutput();
                    return new String(accepted.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            LoadBalancer lb = applied(tcp(VIP, "rr", List.of(backend(BACKEND, server.getLocalPort(), 1))));
            try (Fixtures.Client client = Fixtures.Client.connect(lb)) {
                assertThat(client.readLine()).isEqualTo("hello");
                assertThat(client.readLine()).isNull();

                client.send("late\n");
                client.socket.shutdownOutput();

                assertThat(received.get(APPLY.toSeconds(), TimeUnit.SECONDS)).isEqualTo("late\n");
            }
            await().atMost(APPLY).until(() -> active(lb) == 0);
        }
    }

    /** Many short connections closed from either end first leave nothing open behind them. */
    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void shortConnectionsClosedFromEitherEndLeaveNothingOpen(boolean epoll) throws IOException {
        start(epoll, Fixtures.FAST);
        try (TcpNameServer a = new TcpNameServer("a", BACKEND)) {
            LoadBalancer lb = applied(tcp(VIP, "rr", List.of(backend(a, 1))));
            for (int i = 0; i < 50; i++) {
                try (Fixtures.Client client = Fixtures.Client.connect(lb)) {
                    assertThat(client.readLine()).isEqualTo("a");
                    if (i % 2 == 0) {
                        // Client FIN first: the backend says goodbye and closes.
                        client.socket.shutdownOutput();
                        assertThat(client.readLine()).isEqualTo("bye a");
                        assertThat(client.readLine()).isNull();
                    }
                    // Odd rounds: the client just closes with the backend's side still open.
                }
            }
            await().atMost(APPLY).until(() -> active(lb) == 0);
            assertThat(proxy.stats(lb.uuid()).orElseThrow().total().totalConnections()).isEqualTo(50);
        }
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void countersAddUpPerBackendAndInTotal(boolean epoll) throws IOException {
        start(epoll, Fixtures.FAST);
        try (TcpNameServer a = new TcpNameServer("a", BACKEND);
                TcpNameServer b = new TcpNameServer("b", loopback("127.77.3.12"))) {
            Backend backendA = backend(a, 1);
            Backend backendB = backend(b, 1);
            LoadBalancer lb = applied(tcp(VIP, "rr", List.of(backendA, backendB)));
            try (Fixtures.Client first = Fixtures.Client.connect(lb)) {
                assertThat(first.readLine()).isEqualTo("a");
                Fixtures.Client second = Fixtures.Client.connect(lb);
                assertThat(second.readLine()).isEqualTo("b");
                first.send("12345\n");
                assertThat(first.readLine()).isEqualTo("12345");

                TrafficStats open = proxy.stats(lb.uuid()).orElseThrow();
                assertThat(open.total().activeConnections()).isEqualTo(2);
                assertThat(open.backends().get(backendA.uuid()))
                        .isEqualTo(new TrafficStats.Counters(1, 1, 6, "a\n12345\n".length()));
                assertThat(open.backends().get(backendB.uuid()))
                        .isEqualTo(new TrafficStats.Counters(1, 1, 0, "b\n".length()));
                second.close();
            }
            await().atMost(APPLY).until(() -> active(lb) == 0);
            TrafficStats closed = proxy.stats(lb.uuid()).orElseThrow();
            assertThat(closed.total().totalConnections()).isEqualTo(2);
            assertThat(closed.total().bytesIn()).isEqualTo(6);
            // The backends' replies to the FIN are counted if they arrived before the close.
            assertThat(closed.total().bytesOut()).isGreaterThanOrEqualTo("a\n12345\nb\n".length());
        }
    }

    private long active(LoadBalancer lb) {
        return proxy.stats(lb.uuid()).orElseThrow().total().activeConnections();
    }

    private static void drain(InputStream in, long bytes) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        long left = bytes;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            assertThat(n).as("stream ended early").isPositive();
            left -= n;
        }
    }

    private LoadBalancer applied(LoadBalancer lb) {
        proxy.apply(lb).block(APPLY);
        return lb;
    }
}
