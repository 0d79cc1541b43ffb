package io.slb.dataplane.ipvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slb.pipeline.ReconcilerOptions;
import io.slb.server.SlbConfig;
import io.slb.testing.Curl;
import io.slb.testing.KernelVm;
import io.slb.testing.Shell;
import io.slb.testing.SlbServerExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IpvsServerKernelTest runs a whole slb server with {@code --dataplane ipvs --adapter slbdummy0
 * --ipamRange 192.168.0.85-192.168.0.90} in the kernel VM and walks the seed's curl examples,
 * checking the kernel with ipvsadm after each step: the seed's table, repair of a hand-made
 * {@code ipvsadm -C} within the resync interval, a restart that duplicates nothing, and deletes that
 * remove exactly what they added.
 */
@Tag(KernelVm.TAG)
class IpvsServerKernelTest {
    /** Resync often, so drift repair is quick to see; stages get room for TCG's slowness. */
    static final ReconcilerOptions OPTIONS = new ReconcilerOptions(Duration.ofSeconds(30), 2,
            Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(3));
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CURL_MAX_SECONDS = "120";

    @RegisterExtension
    final SlbServerExtension slb = new SlbServerExtension(c -> new SlbConfig(c.address(), c.port(), c.dataDir(), c.pools(),
            c.apiToken(), GuestIpvs.DUMMY, c.announce(), SlbConfig.DataplaneMode.IPVS, c.commandQueue(), c.maxBodyBytes(),
            c.journal(), OPTIONS, c.sse(), c.arp(), c.bgp(), c.metal()));

    @BeforeAll
    static void guest() {
        GuestIpvs.prepare();
    }

    @Test
    void seedExamplesProgramTheSeedsTableAndDeletesUndoThem() throws Exception {
        String host = slb.baseUrl();
        String uuid = createSeedLoadBalancer(host);
        String backend = addSeedBackend(host, uuid);
        assertThat(GuestIpvs.list()).containsExactly("TCP 192.168.0.85:6443 rr", "-> 10.80.96.25:6443 Masq 1 0 0");
        assertThat(Shell.check("nft", "list", "table", "inet", KernelPreparation.TABLE)).contains("masquerade");

        Shell.check("ipvsadm", "-C");
        awaitTable("-A -t 192.168.0.85:6443 -s rr", "-a -t 192.168.0.85:6443 -r 10.80.96.25:6443 -m -w 1");

        slb.restart();
        awaitTable("-A -t 192.168.0.85:6443 -s rr", "-a -t 192.168.0.85:6443 -r 10.80.96.25:6443 -m -w 1");

        String again = slb.baseUrl();
        assertThat(curl("-X", "DELETE", again + "/loadbalancer/" + uuid + "/backend/" + backend).status()).isEqualTo(204);
        awaitTable("-A -t 192.168.0.85:6443 -s rr");
        assertThat(curl("-X", "DELETE", again + "/loadbalancer/" + uuid).status()).isEqualTo(204);
        awaitTable();
    }

    /** Walks the seed's first curl example (POST /loadbalancer, port 6443), waits for its service and returns its uuid. */
    static String createSeedLoadBalancer(String host) throws Exception {
        Curl.Result created = curl("-X", "POST", host + "/loadbalancer", "-H", "Content-Type: application/json",
                "-d", "{\"name\":\"test loadbalancer\", \"port\": 6443}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        awaitTable("-A -t 192.168.0.85:6443 -s rr");
        return MAPPER.readTree(created.body()).get("uuid").asText();
    }

    /** Walks the seed's backend example (10.80.96.25:6443) on {@code uuid}, waits for its destination and returns its uuid. */
    static String addSeedBackend(String host, String uuid) throws Exception {
        String backend = MAPPER.readTree(curl("-X", "POST", host + "/loadbalancer/" + uuid + "/backend",
                "-d", "{\"ip\":\"10.80.96.25\", \"port\": 6443}").body()).get("uuid").asText();
        awaitTable("-A -t 192.168.0.85:6443 -s rr", "-a -t 192.168.0.85:6443 -r 10.80.96.25:6443 -m -w 1");
        return backend;
    }

    /** Runs curl with room for a cold JVM under TCG: its first API call took more than curl's usual 10 s. */
    static Curl.Result curl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("--max-time", CURL_MAX_SECONDS));
        command.addAll(List.of(args));
        return Curl.run(command.toArray(String[]::new));
    }

    /** Waits until {@code ipvsadm -Sn} prints exactly {@code rules}. */
    static void awaitTable(String... rules) {
        await().atMost(BOUND).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(GuestIpvs.save()).containsExactlyElementsOf(List.of(rules)));
    }
}
