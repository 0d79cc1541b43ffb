package io.slb.dataplane.ipvs;

import static io.slb.dataplane.ipvs.LoadBalancers.backend;
import static io.slb.dataplane.ipvs.LoadBalancers.lb;
import static org.assertj.core.api.Assertions.assertThat;

import io.slb.core.ForwardMethod;
import io.slb.core.Protocol;
import io.slb.ipam.AddressPools;
import io.slb.testing.KernelVm;
import io.slb.testing.NetworkNamespace;
import io.slb.testing.Shell;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * IpvsUdpAndIpv6TrafficKernelTest shows, like {@link IpvsTrafficKernelTest} does for TCP over IPv4,
 * that a VIP IpvsDataplane programmed carries real traffic from a client namespace to two backend
 * namespaces in round robin (NAT): UDP datagrams to an IPv4 VIP, each from its own source port, and
 * TCP connections to an IPv6 VIP. The backends answer with their name.
 */
@Tag(KernelVm.TAG)
class IpvsUdpAndIpv6TrafficKernelTest {
    private static final AddressPools POOLS = AddressPools.parse("10.0.0.0/24,fd00::/120");
    private static final int VIP_PORT = 5300;
    private static final int BACKEND_PORT = 8053;
    private static final int REQUESTS = 4;

    @Test
    void datagramsFromDistinctSourcePortsAreAnsweredByBothBackendsInRoundRobin() throws Exception {
        Run run = exchange(new Fixture("10.0.0.21", "/32", Protocol.UDP, 211, false));

        assertThat(run.answers()).containsOnly("b1", "b2").filteredOn("b1"::equals).hasSize(REQUESTS / 2);
        assertThat(run.table()).first().isEqualTo("UDP 10.0.0.21:5300 rr");
        assertThat(run.table()).hasSize(3).anyMatch(l -> l.startsWith("-> 10.212.1.2:8053 Masq 1 "))
                .anyMatch(l -> l.startsWith("-> 10.212.2.2:8053 Masq 1 "));
    }

    @Test
    void connectionsToAnIpv6VipAreAnsweredByBothBackendsInRoundRobin() throws Exception {
        Run run = exchange(new Fixture("fd00::21", "/128", Protocol.TCP, 221, true));

        assertThat(run.answers()).containsOnly("b1", "b2").filteredOn("b1"::equals).hasSize(REQUESTS / 2);
        assertThat(run.table()).first().isEqualTo("TCP [fd00::21]:5300 rr");
        assertThat(run.table()).hasSize(3).anyMatch(l -> l.startsWith("-> [fd00:222:1::2]:8053 Masq 1 "))
                .anyMatch(l -> l.startsWith("-> [fd00:222:2::2]:8053 Masq 1 "));
    }

    /**
     * Fixture is one run's shape: the VIP and its prefix on the guest's dummy, the protocol, and
     * {@code net}: the client namespace gets net 0, backend i gets net+1 i (see {@link GuestPeers#link}).
     */
    private record Fixture(String vip, String prefix, Protocol protocol, int net, boolean ipv6) {
        String backendAddress(int i) {
            return ipv6 ? "fd00:" + (net + 1) + ":" + i + "::2" : "10." + (net + 1) + "." + i + ".2";
        }
    }

    /** Run is what the client got, in order, and {@code ipvsadm -Ln} right after. */
    private record Run(List<String> answers, List<String> table) {}

    /** Builds the namespaces and servers, programs the VIP and sends {@link #REQUESTS} requests to it; removes everything after. */
    private static Run exchange(Fixture fixture) throws Exception {
        GuestIpvs.prepare();
        KernelPreparation kernel = new KernelPreparation(Path.of("/proc/sys"));
        kernel.enableForwarding(true);
        kernel.enableConntrack();
        List<NetworkNamespace> namespaces = new ArrayList<>();
        List<Closeable> servers = new ArrayList<>();
        Shell.check("ip", "addr", "replace", fixture.vip() + fixture.prefix(), "dev", GuestIpvs.DUMMY, "nodad");
        try (IpvsDataplane dataplane = new IpvsDataplane(IpvsClient.open(), Schedulers.newSingle("netlink-ipvs-" + fixture.protocol()),
                POOLS::contains)) {
            NetworkNamespace client = NetworkNamespace.create("c");
            namespaces.add(client);
            GuestPeers.link(client, fixture.net(), 0);
            for (int i = 1; i <= 2; i++) {
                NetworkNamespace ns = NetworkNamespace.create("b" + i);
                namespaces.add(ns);
                GuestPeers.link(ns, fixture.net() + 1, i);
                servers.add(fixture.protocol() == Protocol.UDP ? GuestPeers.udpNameServer(ns, BACKEND_PORT, "b" + i)
                        : GuestPeers.tcpNameServer(ns, BACKEND_PORT, "b" + i));
            }
            StepVerifier.create(dataplane.apply(lb(fixture.vip(), VIP_PORT, fixture.protocol(), "rr",
                    backend(fixture.backendAddress(1), BACKEND_PORT, 1, ForwardMethod.MASQ),
                    backend(fixture.backendAddress(2), BACKEND_PORT, 1, ForwardMethod.MASQ))))
                    .expectComplete().verify(Duration.ofSeconds(30));

            List<String> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                answers.add(fixture.protocol() == Protocol.UDP ? GuestPeers.askUdp(client, fixture.vip(), VIP_PORT)
                        : GuestPeers.askTcp(client, fixture.vip(), VIP_PORT));
            }
            return new Run(answers, GuestIpvs.list());
        } finally {
            for (Closeable server : servers) {
                server.close();
            }
            namespaces.forEach(NetworkNamespace::close);
            Shell.run("ip", "addr", "del", fixture.vip() + fixture.prefix(), "dev", GuestIpvs.DUMMY);
        }
    }
}
