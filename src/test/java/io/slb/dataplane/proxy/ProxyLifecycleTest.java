package io.slb.dataplane.proxy;

import static io.slb.dataplane.proxy.Fixtures.backend;
import static io.slb.dataplane.proxy.Fixtures.loopback;
import static io.slb.dataplane.proxy.Fixtures.nameVia;
import static io.slb.dataplane.proxy.Fixtures.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.slb.core.Backend;
import io.slb.core.ForwardMethod;
import io.slb.core.LoadBalancer;
import io.slb.core.Protocol;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** apply, remove, retainOnly and close: what gets bound, rebound, refused and released. */
class ProxyLifecycleTest {
    private static final InetAddress VIP = loopback("127.77.5.1");
    private static final InetAddress OTHER_VIP = loopback("127.77.5.2");
    private static final Duration APPLY = Duration.ofSeconds(5);

    private ProxyDataplane proxy;
    private TcpNameServer a;

    @BeforeEach
    void start() throws IOException {
        proxy = new ProxyDataplane(Fixtures.FAST);
        a = new TcpNameServer("a", loopback("127.77.5.11"));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        a.close();
    }

    @Test
    void isNamedProxy() {
        assertThat(proxy.name()).isEqualTo("proxy");
        assertThat(proxy.transport()).isIn("epoll", "nio");
    }

    @Test
    void unsupportedSchedulerFailsNamingTheSupportedOnes() {
        LoadBalancer lb = tcp(VIP, "lblc", List.of(backend(a, 1)));

        StepVerifier.create(proxy.apply(lb))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("scheduler: lblc (expected: one of rr, wrr, lc, wlc, sh"))
                .verify(APPLY);
    }

    @Test
    void nonMasqForwardMethodFailsNamingIpvs() {
        Backend tunnel = new Backend(UUID.randomUUID(), a.ip(), a.port(), 1, ForwardMethod.TUNNEL);
        LoadBalancer lb = tcp(VIP, "rr", List.of(tunnel));

        StepVerifier.create(proxy.apply(lb))
                .expectErrorSatisfies(error -> assertThat(error)
                        .hasMessageContaining("forward method TUNNEL needs --dataplane ipvs"))
                .verify(APPLY);
    }

    @Test
    void loadBalancerWithoutAddressFails() {
        LoadBalancer lb = tcp(VIP, "rr", List.of(backend(a, 1))).withEip(null);

        StepVerifier.create(proxy.apply(lb))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("eip: null"))
                .verify(APPLY);
    }

    @Test
    void portInUseFailsNamingVipAndPort() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(VIP, 0));
            LoadBalancer lb = Fixtures.lb(VIP, taken.getLocalPort(), Protocol.TCP, "rr", List.of(backend(a, 1)));

            StepVerifier.create(proxy.apply(lb))
                    .expectErrorSatisfies(error -> assertThat(error)
                            .isInstanceOf(BindException.class)
                            .hasMessageContaining("tcp 127.77.5.1:" + taken.getLocalPort())
                            .hasCauseInstanceOf(Exception.class))
                    .verify(APPLY);
        }
    }

    @Test
    void failedBindSucceedsOnRetryOnceThePortIsFree() throws IOException {
        LoadBalancer lb;
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(VIP, 0));
            lb = Fixtures.lb(VIP, taken.getLocalPort(), Protocol.TCP, "rr", List.of(backend(a, 1)));
            StepVerifier.create(proxy.apply(lb)).expectError(BindException.class).verify(APPLY);
        }

        proxy.apply(lb).block(APPLY);

        assertThat(nameVia(lb)).isEqualTo("a");
    }

    @Test
    void changedPortRebindsAndKeepsOpenConnections() {
        LoadBalancer lb = applied(tcp(VIP, "rr", List.of(backend(a, 1))));
        int newPort = Fixtures.freeTcpPort(VIP);
        LoadBalancer moved = new LoadBalancer(lb.uuid(), lb.name(), lb.eip(), newPort, lb.protocol(),
                lb.scheduler(), lb.backends(), lb.status(), lb.createdAt());
        try (Fixtures.Client held = Fixtures.Client.connect(lb)) {
            assertThat(held.readLine()).isEqualTo("a");

            applied(moved);

            assertThat(nameVia(moved)).isEqualTo("a");
            assertThat(refused(lb)).isTrue();
            held.send("after move\n");
            assertThat(held.readLine()).isEqualTo("after move");
        }
    }

    @Test
    void changedAddressRebinds() {
        LoadBalancer lb = applied(tcp(VIP, "rr", List.of(backend(a, 1))));

        LoadBalancer moved = applied(lb.withEip(OTHER_VIP));

        assertThat(nameVia(moved)).isEqualTo("a");
        assertThat(refused(lb)).isTrue();
    }

    @Test
    void removeClosesTheListenerAndIsIdempotent() {
        LoadBalancer lb = applied(tcp(VIP, "rr", List.of(backend(a, 1))));

        proxy.remove(lb).block(APPLY);
        proxy.remove(lb).block(APPLY);

        assertThat(refused(lb)).isTrue();
        assertThat(proxy.stats(lb.uuid())).isEmpty();
    }

    @Test
    void retainOnlyRemovesListenersNotDesired() {
        LoadBalancer kept = applied(tcp(VIP, "rr", List.of(backend(a, 1))));
        LoadBalancer dropped = applied(tcp(OTHER_VIP, "rr", List.of(backend(a, 1))));

        proxy.retainOnly(List.of(kept)).block(APPLY);

        assertThat(nameVia(kept)).isEqualTo("a");
        assertThat(refused(dropped)).isTrue();
        assertThat(proxy.stats(dropped.uuid())).isEmpty();
        assertThat(proxy.stats(kept.uuid())).isPresent();
    }

    @Test
    void closeReleasesPortsAndRefusesFurtherApplies() throws IOException {
        LoadBalancer lb = applied(tcp(VIP, "rr", List.of(backend(a, 1))));
        Fixtures.Client held = Fixtures.Client.connect(lb);
        assertThat(held.readLine()).isEqualTo("a");

        proxy.close();

        assertThat(held.readLine()).isNull();
        held.close();
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(VIP, lb.port()));
        }
        StepVerifier.create(proxy.apply(lb)).expectError(IllegalStateException.class).verify(APPLY);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().startsWith("slb-proxy") && thread.isAlive());
    }

    private static boolean refused(LoadBalancer lb) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(lb.eip(), lb.port()), (int) APPLY.toMillis());
            return false;
        } catch (ConnectException expected) {
            return true;
        } catch (IOException other) {
            throw new AssertionError(other);
        }
    }

    private LoadBalancer applied(LoadBalancer lb) {
        proxy.apply(lb).block(APPLY);
        return lb;
    }
}
