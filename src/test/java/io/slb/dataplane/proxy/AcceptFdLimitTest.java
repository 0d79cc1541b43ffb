package io.slb.dataplane.proxy;

import static io.slb.dataplane.proxy.Fixtures.loopback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.epoll.Epoll;
import io.slb.core.LoadBalancer;
import io.slb.core.Protocol;
import io.slb.testing.Shell;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Out of file descriptors, the epoll listener pauses accepting instead of spinning on a connection it
 * cannot take, and takes it once descriptors are free again. The proxy runs as its own process
 * ({@link BenchmarkProxy}), whose descriptor limit is lowered with {@code prlimit} once it serves.
 */
class AcceptFdLimitTest {
    private static final InetAddress VIP = loopback("127.77.9.1");
    private static final InetAddress BACKEND = loopback("127.77.9.11");
    /** Room for at least this many proxied connections (a client and a backend socket each) once limited. */
    private static final int ROOM = 3;

    @Test
    void listenerPausesWhenOutOfDescriptorsAndResumesOnceSomeAreFree() throws Exception {
        try (TcpNameServer backend = new TcpNameServer("a", BACKEND);
                LimitedProxy proxy = LimitedProxy.start(backend, 0)) {
            // No descriptor left: the kernel completes this handshake, the proxy cannot accept it.
            Fixtures.Client waiting = proxy.connect();
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.count("not accepting for") > 0);
            Thread.sleep(1_500);
            // Paused for a second between tries: a spinning listener would have logged thousands.
            assertThat(proxy.count("not accepting for")).isBetween(1L, 4L);

            proxy.clients.get(0).close();
            assertThat(waiting.readLine()).as("the waiting client is served once a descriptor is free")
                    .isEqualTo("a");
        }
    }

    /**
     * One descriptor left: the proxy accepts the client but cannot open a socket to the backend. The
     * client is closed at once, and the log says why (not that the backend failed).
     */
    @Test
    void connectionWithoutADescriptorForItsBackendIsClosedAndLoggedOnce() throws Exception {
        try (TcpNameServer backend = new TcpNameServer("a", BACKEND);
                LimitedProxy proxy = LimitedProxy.start(backend, 1)) {
            for (int i = 0; i < 5; i++) {
                try (Fixtures.Client client = proxy.connect()) {
                    assertThat(client.readLine()).as("closed, not left waiting").isNull();
                }
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.count("out of file descriptors") > 0);
            assertThat(proxy.count("out of file descriptors")).as("once a second at most").isBetween(1L, 2L);
            assertThat(proxy.count("failed for")).as("no backend blamed").isZero();
            assertThat(proxy.count("no backend available")).isZero();
        }
    }

    /**
     * LimitedProxy is {@link BenchmarkProxy} as a process in front of one backend, its descriptor
     * limit lowered once it serves so that a few proxied connections fit (held open in
     * {@link #clients}), plus {@code spare} descriptors.
     */
    private static final class LimitedProxy implements AutoCloseable {
        final Process process;
        final List<String> log = new CopyOnWriteArrayList<>();
        final List<Fixtures.Client> clients = new ArrayList<>();
        final LoadBalancer lb;

        private LimitedProxy(Process process, LoadBalancer lb) {
            this.process = process;
            this.lb = lb;
        }

        static LimitedProxy start(TcpNameServer backend, int spare) throws Exception {
            Assumptions.assumeTrue(Epoll.isAvailable(), "the epoll relay needs epoll");
            int port = Fixtures.freeTcpPort(VIP);
            Process process = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    BenchmarkProxy.class.getName(), VIP.getHostAddress(), Integer.toString(port),
                    BACKEND.getHostAddress(), Integer.toString(backend.port()), "1")
                    .redirectErrorStream(true)
                    .start();
            LimitedProxy proxy = new LimitedProxy(process, Fixtures.lb(VIP, port, Protocol.TCP, "rr", List.of()));
            Thread reader = new Thread(() -> readLines(process, proxy.log), "proxy-log");
            reader.setDaemon(true);
            reader.start();
            try {
                proxy.limit(spare);
                return proxy;
            } catch (Exception | AssertionError e) {
                proxy.close();
                throw e;
            }
        }

        private void limit(int spare) throws Exception {
            await().atMost(Duration.ofSeconds(30)).until(() -> count("slb proxy") > 0);
            // One connection first, so every class on the relay's path is loaded before the limit.
            assertThat(Fixtures.nameVia(lb)).isEqualTo("a");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> openFds(process.pid()) == openFdsSettled(process.pid()));
            // The limit bounds descriptor numbers, and new descriptors fill the holes below the
            // highest first: leave an even number free for ROOM connections, plus the spare ones.
            Fds fds = fds(process.pid());
            long free = 2L * ROOM + (fds.holes() % 2);
            long limit = fds.highest() + 1 + free + spare;
            Shell.check("prlimit", "--pid", Long.toString(process.pid()), "--nofile=" + limit + ":" + limit);
            for (long i = 0; i < (fds.holes() + free) / 2; i++) {
                Fixtures.Client client = connect();
                assertThat(client.readLine()).isEqualTo("a");
            }
        }

        Fixtures.Client connect() {
            Fixtures.Client client = Fixtures.Client.connect(lb);
            clients.add(client);
            return client;
        }

        long count(String text) {
            return log.stream().filter(l -> l.contains(text)).count();
        }

        @Override
        public void close() throws InterruptedException {
            for (Fixtures.Client client : clients) {
                client.close();
            }
            process.destroy();
            process.waitFor();
            assertThat(log).noneMatch(l -> l.contains("Exception in thread"));
        }
    }

    private static long openFds(long pid) throws IOException {
        return fds(pid).open();
    }

    private static Fds fds(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            long[] numbers = fds.mapToLong(fd -> Long.parseLong(fd.getFileName().toString())).toArray();
            long highest = Arrays.stream(numbers).max().orElseThrow();
            return new Fds(numbers.length, highest);
        }
    }

    /** Fds is a process's open descriptors: how many, and the highest number. */
    private record Fds(long open, long highest) {
        long holes() {
            return highest + 1 - open;
        }
    }

    /** The descriptor count after a short pause (the first connection's sockets are closed by then). */
    private static long openFdsSettled(long pid) throws Exception {
        Thread.sleep(200);
        return openFds(pid);
    }

    private static void readLines(Process process, List<String> log) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                log.add(line);
            }
        } catch (IOException e) {
            log.add("log reader: " + e);
        }
    }
}
