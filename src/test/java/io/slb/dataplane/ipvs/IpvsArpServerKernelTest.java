package io.slb.dataplane.ipvs;

import static io.slb.dataplane.ipvs.IpvsServerKernelTest.addSeedBackend;
import static io.slb.dataplane.ipvs.IpvsServerKernelTest.awaitTable;
import static io.slb.dataplane.ipvs.IpvsServerKernelTest.createSeedLoadBalancer;
import static io.slb.dataplane.ipvs.IpvsServerKernelTest.curl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slb.server.SlbConfig;
import io.slb.testing.KernelVm;
import io.slb.testing.Shell;
import io.slb.testing.SlbServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IpvsArpServerKernelTest runs a whole slb server as {@code slb server --arp --adapter <veth>
 * --dataplane ipvs --ipamRange 192.168.0.85-192.168.0.90} would, in the kernel VM, and walks the
 * seed's curl examples: {@code ipvsadm} prints the seed's table and the VIP lands on the adapter
 * ({@code ip -j addr}); the deletes empty the table and take the VIP off again. The adapter is one
 * end of a veth pair in the guest, an Ethernet device the ARP announcer can send from.
 */
@Tag(KernelVm.TAG)
class IpvsArpServerKernelTest {
    private static final String ADAPTER = "slbarp" + ThreadLocalRandom.current().nextInt(1000, 10000);
    private static final String VIP = "192.168.0.85";
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    final SlbServerExtension slb = new SlbServerExtension(c -> new SlbConfig(c.address(), c.port(), c.dataDir(), c.pools(),
            c.apiToken(), ADAPTER, SlbConfig.AnnounceMode.ARP, SlbConfig.DataplaneMode.IPVS, c.commandQueue(), c.maxBodyBytes(),
            c.journal(), IpvsServerKernelTest.OPTIONS, c.sse(), c.arp(), c.bgp(), c.metal()));

    @BeforeAll
    static void adapter() {
        GuestIpvs.prepare();
        Shell.check("ip", "link", "add", ADAPTER, "type", "veth", "peer", "name", ADAPTER + "p");
        Shell.check("ip", "link", "set", ADAPTER + "p", "up");
        Shell.check("ip", "link", "set", ADAPTER, "up");
    }

    @AfterAll
    static void removeAdapter() {
        Shell.run("ip", "link", "del", ADAPTER);
    }

    @Test
    void arpModePutsTheVipOnTheAdapterAndTheSeedsTableInTheKernel() throws Exception {
        String host = slb.baseUrl();
        String uuid = createSeedLoadBalancer(host);
        String backend = addSeedBackend(host, uuid);
        assertThat(GuestIpvs.list()).containsExactly("TCP 192.168.0.85:6443 rr", "-> 10.80.96.25:6443 Masq 1 0 0");
        await().atMost(BOUND).untilAsserted(() -> assertThat(addresses()).containsExactly(VIP + "/32"));

        assertThat(curl("-X", "DELETE", host + "/loadbalancer/" + uuid + "/backend/" + backend).status()).isEqualTo(204);
        awaitTable("-A -t 192.168.0.85:6443 -s rr");
        assertThat(curl("-X", "DELETE", host + "/loadbalancer/" + uuid).status()).isEqualTo(204);
        awaitTable();
        await().atMost(BOUND).untilAsserted(() -> assertThat(addresses()).isEmpty());
    }

    /** Returns the IPv4 addresses on the adapter as address/prefix, from {@code ip -j addr}. */
    private static List<String> addresses() throws Exception {
        List<String> found = new ArrayList<>();
        for (JsonNode link : MAPPER.readTree(Shell.check("ip", "-j", "-4", "addr", "show", "dev", ADAPTER))) {
            for (JsonNode address : link.path("addr_info")) {
                found.add(address.get("local").asText() + "/" + address.get("prefixlen").asInt());
            }
        }
        return found;
    }
}
