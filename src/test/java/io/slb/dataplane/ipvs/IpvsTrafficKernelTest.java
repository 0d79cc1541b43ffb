package io.slb.dataplane.ipvs;

import static io.slb.dataplane.ipvs.LoadBalancers.backend;
import static io.slb.dataplane.ipvs.LoadBalancers.lb;
import static org.assertj.core.api.Assertions.assertThat;

import io.slb.core.ForwardMethod;
import io.slb.core.Protocol;
import io.slb.ipam.AddressPools;
import io.slb.testing.KernelVm;
import io.slb.testing.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
        String tag = Integer.toString(ThreadLocalRandom.current().nextInt(1000, 10000));
        KernelPreparation kernel = new KernelPreparation(Path.of("/proc/sys"));
        kernel.enableForwarding(false);
        kernel.enableConntrack();
        kernel.masquerade(GuestIpvs.DUMMY);
        assertThat(Shell.check("nft", "list", "table", "inet", KernelPreparation.TABLE)).contains("oifname \"slbdummy0\" masquerade");
        kernel.masquerade(GuestIpvs.DUMMY);

        List<String> namespaces = List.of("c" + tag, "b1" + tag, "b2" + tag);
        List<Process> servers = new ArrayList<>();
        Shell.check("ip", "addr", "replace", VIP + "/32", "dev", GuestIpvs.DUMMY);
        try (IpvsDataplane dataplane = new IpvsDataplane(IpvsClient.open(), Schedulers.newSingle("netlink-ipvs-traffic"),
                AddressPools.parse("10.0.0.0/24")::contains)) {
            peer(namespaces.get(0), "10.201.0");
            for (int i = 1; i <= 2; i++) {
                peer(namespaces.get(i), "10.202." + i);
                Path answer = Files.writeString(Files.createTempFile("slb-backend", ".sh"), "#!/bin/sh\necho b" + i + "\n");
                answer.toFile().setExecutable(true);
                servers.add(new ProcessBuilder("ip", "netns", "exec", namespaces.get(i), "busybox", "nc", "-ll", "-p", "8080",
                        "-e", answer.toString()).redirectErrorStream(true).start());
            }
            StepVerifier.create(dataplane.apply(lb(VIP, 80, Protocol.TCP, "rr",
                    backend("10.202.1.2", 8080, 1, ForwardMethod.MASQ), backend("10.202.2.2", 8080, 1, ForwardMethod.MASQ))))
                    .expectComplete().verify(Duration.ofSeconds(30));

            List<String> answers = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                answers.add(Shell.check("sh", "-c", "ip netns exec " + namespaces.get(0) + " busybox nc -w 5 " + VIP + " 80 </dev/null").strip());
            }

            assertThat(answers).containsOnly("b1", "b2").filteredOn("b1"::equals).hasSize(CONNECTIONS / 2);
            assertThat(GuestIpvs.list()).contains("TCP 10.0.0.20:80 rr");
        } finally {
            servers.forEach(Process::destroyForcibly);
            namespaces.forEach(ns -> Shell.run("ip", "netns", "del", ns));
            Shell.run("ip", "addr", "del", VIP + "/32", "dev", GuestIpvs.DUMMY);
        }
    }

    /** Creates namespace {@code ns} linked by a veth to the guest: the guest holds net.1, the namespace net.2 and its default route. */
    private static void peer(String ns, String net) {
        String outside = "v" + ns;
        Shell.check("ip", "netns", "add", ns);
        Shell.check("ip", "link", "add", outside, "type", "veth", "peer", "name", "eth0", "netns", ns);
        Shell.check("ip", "addr", "add", net + ".1/24", "dev", outside);
        Shell.check("ip", "link", "set", outside, "up");
        Shell.check("ip", "-n", ns, "addr", "add", net + ".2/24", "dev", "eth0");
        Shell.check("ip", "-n", ns, "link", "set", "eth0", "up");
        Shell.check("ip", "-n", ns, "link", "set", "lo", "up");
        Shell.check("ip", "-n", ns, "route", "add", "default", "via", net + ".1");
    }
}
