package io.slb.dataplane.ipvs;

import static io.slb.dataplane.ipvs.LoadBalancers.backend;
import static io.slb.dataplane.ipvs.LoadBalancers.lb;
import static org.assertj.core.api.Assertions.assertThat;

import io.slb.core.ForwardMethod;
import io.slb.core.LoadBalancer;
import io.slb.core.Protocol;
import io.slb.ipam.AddressPools;
import io.slb.testing.KernelVm;
import io.slb.testing.Shell;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * IpvsDataplaneKernelTest drives IpvsDataplane against the real kernel: level-triggered apply,
 * removal, drift repair and clean-up of only slb's own services, each checked with ipvsadm.
 */
@Tag(KernelVm.TAG)
class IpvsDataplaneKernelTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final AddressPools POOLS = AddressPools.parse("10.0.0.0/24,fd00::/120");

    private IpvsDataplane dataplane;

    @BeforeEach
    void open() throws Exception {
        GuestIpvs.prepare();
        dataplane = new IpvsDataplane(IpvsClient.open(), Schedulers.newSingle("netlink-ipvs-test"), POOLS::contains);
    }

    @AfterEach
    void close() {
        if (dataplane != null) {
            dataplane.close();
        }
    }

    @Test
    void applyProgramsTheSeedsTableAndThenOnlyTheDifference() {
        LoadBalancer seed = lb("10.0.0.5", 6443, Protocol.TCP, "rr", backend("10.200.0.2", 6443, 1, ForwardMethod.MASQ));
        verify(dataplane.apply(seed));
        assertThat(GuestIpvs.list()).containsExactly("TCP 10.0.0.5:6443 rr", "-> 10.200.0.2:6443 Masq 1 0 0");

        LoadBalancer changed = seed.withBackend(backend("10.200.0.3", 6443, 3, ForwardMethod.ROUTE));
        verify(dataplane.apply(changed));
        verify(dataplane.apply(changed));
        assertThat(GuestIpvs.save()).containsExactly("-A -t 10.0.0.5:6443 -s rr",
                "-a -t 10.0.0.5:6443 -r 10.200.0.2:6443 -m -w 1", "-a -t 10.0.0.5:6443 -r 10.200.0.3:6443 -g -w 3");

        LoadBalancer fewer = new LoadBalancer(seed.uuid(), seed.name(), seed.eip(), seed.port(), seed.protocol(), "wlc",
                List.of(backend("10.200.0.3", 6443, 5, ForwardMethod.MASQ)), seed.status(), seed.createdAt());
        verify(dataplane.apply(fewer));
        assertThat(GuestIpvs.save()).containsExactly("-A -t 10.0.0.5:6443 -s wlc",
                "-a -t 10.0.0.5:6443 -r 10.200.0.3:6443 -m -w 5");
    }

    @Test
    void udpAndIpv6LoadBalancersAreServedSideBySide() {
        verify(dataplane.apply(lb("10.0.0.6", 53, Protocol.UDP, "wrr", backend("10.200.0.2", 5353, 2, ForwardMethod.MASQ))));
        verify(dataplane.apply(lb("fd00::6", 443, Protocol.TCP, "sh", backend("fd00:200::2", 8443, 1, ForwardMethod.MASQ))));

        assertThat(GuestIpvs.save()).containsExactlyInAnyOrder("-A -u 10.0.0.6:53 -s wrr",
                "-a -u 10.0.0.6:53 -r 10.200.0.2:5353 -m -w 2", "-A -t [fd00::6]:443 -s sh",
                "-a -t [fd00::6]:443 -r [fd00:200::2]:8443 -m -w 1");
    }

    @Test
    void applyRepairsAHandMadeClear() {
        LoadBalancer lb = lb("10.0.0.7", 80, Protocol.TCP, "rr", backend("10.200.0.2", 80, 1, ForwardMethod.MASQ),
                backend("10.200.0.3", 80, 1, ForwardMethod.MASQ));
        verify(dataplane.apply(lb));
        List<String> programmed = GuestIpvs.save();

        Shell.check("ipvsadm", "-C");
        verify(dataplane.apply(lb));

        assertThat(GuestIpvs.save()).containsExactlyElementsOf(programmed).hasSize(3);
    }

    @Test
    void removeDeletesTheServiceAndIsIdempotent() {
        LoadBalancer lb = lb("10.0.0.8", 80, Protocol.TCP, "rr", backend("10.200.0.2", 80, 1, ForwardMethod.MASQ));
        verify(dataplane.apply(lb));

        verify(dataplane.remove(lb));
        verify(dataplane.remove(lb));

        assertThat(GuestIpvs.save()).isEmpty();
    }

    @Test
    void retainOnlyDeletesStaleServicesOfSlbAndLeavesTheAdminsAlone() {
        Shell.check("ipvsadm", "-A", "-t", "192.168.77.1:80", "-s", "rr");
        LoadBalancer kept = lb("10.0.0.9", 80, Protocol.TCP, "rr");
        LoadBalancer stale = lb("10.0.0.10", 80, Protocol.TCP, "rr");
        verify(dataplane.apply(kept));
        verify(dataplane.apply(stale));

        verify(dataplane.retainOnly(List.of(kept)));

        assertThat(GuestIpvs.save()).containsExactlyInAnyOrder("-A -t 192.168.77.1:80 -s rr", "-A -t 10.0.0.9:80 -s rr");
    }

    private static void verify(reactor.core.publisher.Mono<Void> call) {
        StepVerifier.create(call).expectComplete().verify(BOUND);
    }
}
