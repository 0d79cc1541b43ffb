package io.slb.dataplane.ipvs;

import static io.slb.netlink.uapi.IpVsH.IP_VS_SVC_F_ONEPACKET;
import static io.slb.netlink.uapi.IpVsH.IP_VS_SVC_F_SCHED_SH_FALLBACK;
import static io.slb.netlink.uapi.IpVsH.IP_VS_SVC_F_SCHED_SH_PORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slb.core.ForwardMethod;
import io.slb.netlink.NetlinkErrnoException;
import io.slb.testing.KernelVm;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** IpvsClientKernelTest programs the real kernel's IPVS through IpvsClient and reads it back with ipvsadm. */
@Tag(KernelVm.TAG)
class IpvsClientKernelTest {
    private static final VirtualServiceKey TCP4 = VirtualServiceKey.Tuple.of(IpProtocol.TCP, ip("10.0.0.1"), 80);
    private static final VirtualServiceKey UDP4 = VirtualServiceKey.Tuple.of(IpProtocol.UDP, ip("10.0.0.1"), 53);
    private static final VirtualServiceKey TCP6 = VirtualServiceKey.Tuple.of(IpProtocol.TCP, ip("fd00::1"), 443);
    private static final VirtualServiceKey MARK = new VirtualServiceKey.FwMark(AddressFamily.INET, 7);

    private IpvsClient client;

    @BeforeEach
    void open() throws Exception {
        GuestIpvs.prepare();
        client = IpvsClient.open();
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void servicesOfEveryKindRoundTripThroughTheKernel() throws Exception {
        List<VirtualService> services = List.of(
                VirtualService.of(TCP4, "rr"),
                new VirtualService(UDP4, "wlc", IP_VS_SVC_F_ONEPACKET, 0, 32),
                new VirtualService(TCP6, "sh", IP_VS_SVC_F_SCHED_SH_FALLBACK | IP_VS_SVC_F_SCHED_SH_PORT, 0, 128),
                new VirtualService(VirtualServiceKey.Tuple.of(IpProtocol.TCP, ip("10.0.0.2"), 22), "lc", 0, 0, 24).persistent(300),
                new VirtualService(VirtualServiceKey.Tuple.of(IpProtocol.UDP, ip("fd00::2"), 53), "wrr", 0, 0, 64).persistent(60),
                VirtualService.of(MARK, "rr"));
        client.applyAll(services.stream().<IpvsOp>map(IpvsOp.AddService::new).toList());

        assertThat(client.dumpServices()).extracting(ServiceEntry::service).containsExactlyInAnyOrderElementsOf(services);
        assertThat(GuestIpvs.save()).containsExactlyInAnyOrder(
                "-A -t 10.0.0.1:80 -s rr",
                "-A -u 10.0.0.1:53 -s wlc -o",
                "-A -t [fd00::1]:443 -s sh -b sh-fallback,sh-port",
                "-A -t 10.0.0.2:22 -s lc -p 300 -M 255.255.255.0",
                "-A -u [fd00::2]:53 -s wrr -p 60 -M 64",
                "-A -f 7 -s rr");
        assertThat(client.service(TCP6)).map(ServiceEntry::service).contains(services.get(2));
    }

    @Test
    void destinationsOfEveryForwardMethodAndWeightRoundTrip() throws Exception {
        client.apply(new IpvsOp.AddService(VirtualService.of(TCP4, "wrr")));
        List<Destination> destinations = List.of(
                Destination.of(ip("10.200.0.2"), 8080, ForwardMethod.MASQ, 1),
                Destination.of(ip("10.200.0.3"), 80, ForwardMethod.ROUTE, 2),
                Destination.of(ip("10.200.0.4"), 80, ForwardMethod.TUNNEL, 3),
                new Destination(ip("10.200.0.5"), 8081, ForwardMethod.MASQ, 4, 100, 10, AddressFamily.INET));
        client.applyAll(destinations.stream().<IpvsOp>map(d -> new IpvsOp.AddDestination(TCP4, d)).toList());

        assertThat(client.dumpDestinations(TCP4)).extracting(DestinationEntry::destination)
                .containsExactlyInAnyOrderElementsOf(destinations);
        assertThat(GuestIpvs.list()).contains("TCP 10.0.0.1:80 wrr",
                "-> 10.200.0.2:8080 Masq 1 0 0", "-> 10.200.0.3:80 Route 2 0 0",
                "-> 10.200.0.4:80 Tunnel 3 0 0", "-> 10.200.0.5:8081 Masq 4 0 0");
        assertThat(GuestIpvs.save()).contains("-a -t 10.0.0.1:80 -r 10.200.0.4:80 -i -w 3 --tun-type ipip");
        assertThat(GuestIpvs.list("--thresholds")).contains("-> 10.200.0.5:8081 100 10 0 0");
    }

    @Test
    void ipv6DestinationsAndLocalForwarding() throws Exception {
        client.apply(new IpvsOp.AddService(VirtualService.of(TCP6, "rr")));
        client.apply(new IpvsOp.AddDestination(TCP6, Destination.of(ip("fd00:200::2"), 8443, ForwardMethod.MASQ, 5)));
        client.apply(new IpvsOp.AddDestination(TCP6, Destination.of(ip("fd00::1"), 443, ForwardMethod.LOCAL, 1)));

        assertThat(client.dumpDestinations(TCP6)).extracting(DestinationEntry::destination).containsExactlyInAnyOrder(
                Destination.of(ip("fd00:200::2"), 8443, ForwardMethod.MASQ, 5),
                Destination.of(ip("fd00::1"), 443, ForwardMethod.LOCAL, 1));
        assertThat(GuestIpvs.list()).contains("-> [fd00:200::2]:8443 Masq 5 0 0", "-> [fd00::1]:443 Local 1 0 0");
    }

    @Test
    void editsAndDeletesChangeOnlyWhatTheyName() throws Exception {
        Destination first = Destination.of(ip("10.200.0.2"), 80, ForwardMethod.MASQ, 1);
        Destination second = Destination.of(ip("10.200.0.3"), 80, ForwardMethod.MASQ, 1);
        client.applyAll(List.of(new IpvsOp.AddService(VirtualService.of(TCP4, "rr")), new IpvsOp.AddDestination(TCP4, first),
                new IpvsOp.AddDestination(TCP4, second), new IpvsOp.AddService(VirtualService.of(UDP4, "rr"))));

        client.applyAll(List.of(new IpvsOp.EditService(VirtualService.of(TCP4, "wlc").persistent(120)),
                new IpvsOp.EditDestination(TCP4, Destination.of(ip("10.200.0.2"), 80, ForwardMethod.ROUTE, 7)),
                new IpvsOp.DelDestination(TCP4, second), new IpvsOp.DelService(UDP4)));

        assertThat(GuestIpvs.save()).containsExactly(
                "-A -t 10.0.0.1:80 -s wlc -p 120",
                "-a -t 10.0.0.1:80 -r 10.200.0.2:80 -g -w 7");
    }

    @Test
    void kernelRefusalsCarryTheCommandAndErrnoName() throws Exception {
        client.apply(new IpvsOp.AddService(VirtualService.of(TCP4, "rr")));

        assertThatThrownBy(() -> client.apply(new IpvsOp.AddService(VirtualService.of(TCP4, "rr"))))
                .isInstanceOf(NetlinkErrnoException.class).hasMessageContaining("IPVS_CMD_NEW_SERVICE: EEXIST (17)");
        assertThatThrownBy(() -> client.apply(new IpvsOp.DelService(UDP4)))
                .isInstanceOf(NetlinkErrnoException.class).hasMessageContaining("IPVS_CMD_DEL_SERVICE: ESRCH (3)");
        assertThatThrownBy(() -> client.apply(new IpvsOp.AddService(VirtualService.of(UDP4, "nosuchsched"))))
                .isInstanceOf(NetlinkErrnoException.class).hasMessageContaining("IPVS_CMD_NEW_SERVICE: ENOENT (2)");
        assertThatThrownBy(() -> client.apply(new IpvsOp.DelDestination(TCP4, Destination.of(ip("10.200.0.9"), 80, ForwardMethod.MASQ, 1))))
                .isInstanceOf(NetlinkErrnoException.class).hasMessageContaining("IPVS_CMD_DEL_DEST: ENOENT (2)");
        assertThat(client.service(UDP4)).isEmpty();
    }

    @Test
    void batchesLargerThanOneDatagramAreAllApplied() throws Exception {
        List<IpvsOp> ops = new ArrayList<>();
        for (int port = 1; port <= 30; port++) {
            VirtualServiceKey key = VirtualServiceKey.Tuple.of(IpProtocol.TCP, ip("10.0.1.1"), port);
            ops.add(new IpvsOp.AddService(VirtualService.of(key, "rr")));
            for (int host = 2; host <= 11; host++) {
                ops.add(new IpvsOp.AddDestination(key, Destination.of(ip("10.200.0." + host), port, ForwardMethod.MASQ, host)));
            }
        }
        client.applyAll(ops);

        assertThat(client.dumpServices()).hasSize(30);
        assertThat(GuestIpvs.save()).hasSize(ops.size());
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(text, e);
        }
    }
}
