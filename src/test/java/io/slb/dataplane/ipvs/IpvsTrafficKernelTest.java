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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * IpvsTrafficKernelTest sends real TCP connections from a client network namespace to a VIP that
 * IpvsDataplane programmed, answered in round robin by two backend namespaces (NAT), all inside the
 * qemu guest. The backends are busybox nc servers that print their name.
 */
@Tag(KernelVm.TAG)
class IpvsTrafficKernelTest {
    private static final String VIP = "10.0.0.20";
    private static final int CONNECTIONS = 4;

    @Test
    void connectionsToTheVipAreAnsweredByBothBackendsInRoundRobin() throws Exception {
        GuestIpvs.prepare();
        KernelPreparation kernel = new KernelPreparation(Path.of("/proc/sys"));
        kernel.enableForwarding(false);
        kernel.enableConntrack();
        kernel.masquerade(GuestIpvs.DUMMY);
        assertThat(Shell.check("nft", "list", "table", "inet", KernelPreparation.TABLE)).contains("oifname \"slbdummy0\" masquerade");
        kernel.masquerade(GuestIpvs.DUMMY);

        List<NetworkNamespace> namespaces = new ArrayList<>();
        List<Process> servers = new ArrayList<>();
        Shell.check("ip", "addr", "replace", VIP + "/32", "dev", GuestIpvs.DUMMY);
        try (IpvsDataplane dataplane = new IpvsDataplane(IpvsClient.open(), Schedulers.newSingle("netlink-ipvs-traffic"),
                AddressPools.parse("10.0.0.0/24")::contains)) {
            namespaces.add(NetworkNamespace.create("c"));
            GuestPeers.link(namespaces.get(0), 201, 0);
            for (int i = 1; i <= 2; i++) {
                namespaces.add(NetworkNamespace.create("b" + i));
                GuestPeers.link(namespaces.get(i), 202, i);
                Path answer = Files.writeString(Files.createTempFile("slb-backend", ".sh"), "#!/bin/sh\necho b" + i + "\n");
                answer.toFile().setExecutable(true);
                servers.add(new ProcessBuilder("ip", "netns", "exec", namespaces.get(i).name(), "busybox", "nc", "-ll", "-p", "8080",
                        "-e", answer.toString()).redirectErrorStream(true).start());
            }
            StepVerifier.create(dataplane.apply(lb(VIP, 80, Protocol.TCP, "rr",
                    backend("10.202.1.2", 8080, 1, ForwardMethod.MASQ), backend("10.202.2.2", 8080, 1, ForwardMethod.MASQ))))
                    .expectComplete().verify(Duration.ofSeconds(30));

            List<String> answers = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                answers.add(Shell.check("sh", "-c", "ip netns exec " + namespaces.get(0).name() + " busybox nc -w 5 " + VIP + " 80 </dev/null").strip());
            }

            assertThat(answers).containsOnly("b1", "b2").filteredOn("b1"::equals).hasSize(CONNECTIONS / 2);
            assertThat(GuestIpvs.list()).contains("TCP 10.0.0.20:80 rr");
        } finally {
            servers.forEach(Process::destroyForcibly);
            namespaces.forEach(NetworkNamespace::close);
            Shell.run("ip", "addr", "del", VIP + "/32", "dev", GuestIpvs.DUMMY);
        }
    }
}
