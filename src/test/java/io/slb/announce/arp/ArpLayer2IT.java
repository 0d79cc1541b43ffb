package io.slb.announce.arp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slb.testing.Curl;
import io.slb.testing.Prerequisites;
import io.slb.testing.SlbProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layer 2 end to end through the shaded jar: slb runs inside the "slb" namespace of a veth segment
 * ({@code --arp --adapter slb0 --dataplane proxy}), a python3 HTTP server there is the backend, and the
 * "peer" namespace plays a host on the same Ethernet segment. After the seed's curl examples the peer's
 * neighbour table maps the VIP to slb0's MAC and the peer's curl to VIP:8080 gets the backend's page
 * through the proxy; a restart keeps the VIP on the adapter exactly once and announces it again;
 * DELETE takes it off the adapter and the peer can no longer connect.
 */
class ArpLayer2IT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The first address of the IPAM range, on slb0's /24 so that the peer ARPs for it directly. */
    private static final String VIP = "198.18.0.10";
    private static final String IPAM_RANGE = "198.18.0.10-198.18.0.20";
    private static final int VIP_PORT = 8080;
    /** The namespaces are fresh, so fixed ports cannot collide with anything. */
    private static final int API_PORT = 10001;
    private static final int BACKEND_PORT = 18080;
    private static final String PAGE = "backend behind slb's layer 2 VIP\n";
    private static final String OLD_MAC = "02:00:00:00:00:99";
    /** The default burst (5 rounds, 1100 ms apart) is over within 5 s; the rest is slack for a busy CI machine. */
    private static final Duration ANNOUNCED = Duration.ofSeconds(15);
    private static final Duration RECONCILED = Duration.ofSeconds(15);
    private static final Duration BACKEND_UP = Duration.ofSeconds(20);

    private @Nullable VethSegment segment;
    private @Nullable Process backend;
    private @Nullable SlbProcess slb;

    @BeforeEach
    void segment(@TempDir Path tmp) throws Exception {
        Prerequisites.requireRoot();
        Prerequisites.requireCommand("ip");
        Prerequisites.requireCommand("curl");
        Prerequisites.requireCommand("python3");
        segment = VethSegment.create();
        Path www = Files.createDirectories(tmp.resolve("www"));
        Files.writeString(www.resolve("index.html"), PAGE, StandardCharsets.UTF_8);
        backend = new ProcessBuilder("ip", "netns", "exec", segment.slb.name(), "python3", "-m", "http.server",
                Integer.toString(BACKEND_PORT), "--bind", "127.0.0.1", "--directory", www.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("backend.log").toFile()).start();
        await("python3 http.server in " + segment.slb.name()).atMost(BACKEND_UP)
                .until(() -> Curl.runIn(segment.slb, "http://127.0.0.1:" + BACKEND_PORT + "/").status() == 200);
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (slb != null) {
                System.out.println("slb log:\n" + slb.output());
                slb.close();
            }
            if (backend != null) {
                backend.destroy();
                if (!backend.waitFor(10, TimeUnit.SECONDS)) {
                    backend.destroyForcibly();
                }
            }
        } finally {
            if (segment != null) {
                segment.close();
            }
        }
    }

    @Test
    void thePeerReachesTheBackendThroughTheAnnouncedVipUntilTheLoadBalancerIsDeleted(@TempDir Path tmp) throws Exception {
        VethSegment s = segment();
        Path jar = Prerequisites.slbJar();
        Path data = tmp.resolve("data");
        startSlb(jar, data);
        assertThat(slb().output()).contains("dataplane: proxy", "announce arp: ready on " + VethSegment.SLB_IF);
        s.seedPeerNeighbour(VIP, OLD_MAC);

        String uuid = createLoadBalancerWithBackend();

        awaitVipOnAdapterOnce();
        s.awaitPeerHasSlbMac(VIP, ANNOUNCED);
        assertThat(peerGet()).isEqualTo(new Curl.Result(200, PAGE));

        assertThat(slb().stop()).as("exit code after SIGTERM").isIn(0, 143);
        System.out.println("slb log (first run):\n" + slb().output());
        assertThat(vipsOnAdapter()).as("a stopped slb leaves the VIP in place").isEqualTo(1);
        s.seedPeerNeighbour(VIP, OLD_MAC);
        startSlb(jar, data);
        awaitVipOnAdapterOnce();
        s.awaitPeerHasSlbMac(VIP, ANNOUNCED);
        assertThat(vipsOnAdapter()).as("the VIP on the adapter after the restart").isEqualTo(1);
        assertThat(slb().output()).contains("announce arp: announcing " + VIP + " on " + VethSegment.SLB_IF);
        await("the peer's request through the restarted proxy").atMost(RECONCILED)
                .until(() -> peerGet().equals(new Curl.Result(200, PAGE)));

        assertThat(api("DELETE", "/loadbalancer/" + uuid).status()).isEqualTo(204);
        await("the VIP to leave " + VethSegment.SLB_IF).atMost(RECONCILED).until(() -> vipsOnAdapter() == 0);
        assertThat(peerGet().status()).as("curl's status when it cannot connect").isZero();
    }

    private void startSlb(Path jar, Path data) throws Exception {
        slb = SlbProcess.startIn(segment().slb, jar, data, API_PORT, "--arp", "--adapter", VethSegment.SLB_IF,
                "--ipamRange", IPAM_RANGE, "--dataplane", "proxy");
    }

    /** The seed's curl examples, with port 8080 and the backend on the slb namespace's loopback; returns the uuid. */
    private String createLoadBalancerWithBackend() throws Exception {
        Curl.Result created = api("POST", "/loadbalancer", "-H", "Content-Type: application/json",
                "-d", "{\"name\":\"test loadbalancer\", \"port\": " + VIP_PORT + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode lb = JSON.readTree(created.body());
        assertThat(lb.get("eip").asText()).isEqualTo(VIP);
        String uuid = lb.get("uuid").asText();
        Curl.Result added = api("POST", "/loadbalancer/" + uuid + "/backend",
                "-d", "{\"ip\":\"127.0.0.1\", \"port\": " + BACKEND_PORT + "}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return uuid;
    }

    private void awaitVipOnAdapterOnce() {
        await(VIP + "/32 on " + VethSegment.SLB_IF).atMost(RECONCILED).until(() -> vipsOnAdapter() == 1);
    }

    /** Returns how many times slb0 holds the VIP as a /32, as {@code ip -j addr} reports it. */
    private long vipsOnAdapter() {
        return segment().slbAddresses().stream()
                .filter(info -> VIP.equals(info.path("local").asText()) && info.path("prefixlen").asInt() == 32)
                .count();
    }

    /** GET http://VIP:8080/ from the peer namespace, giving up on the connection after 2 s. */
    private Curl.Result peerGet() {
        return Curl.runIn(segment().peer, "--connect-timeout", "2", "http://" + VIP + ":" + VIP_PORT + "/");
    }

    /** Calls slb's API, which listens on the slb namespace's loopback; {@code extra} are more curl arguments. */
    private Curl.Result api(String method, String path, String... extra) {
        List<String> args = new ArrayList<>(List.of("-X", method, slb().baseUrl() + path));
        args.addAll(List.of(extra));
        return Curl.runIn(segment().slb, args.toArray(String[]::new));
    }

    private VethSegment segment() {
        return Objects.requireNonNull(segment, "segment not created");
    }

    private SlbProcess slb() {
        return Objects.requireNonNull(slb, "slb not started");
    }
}
