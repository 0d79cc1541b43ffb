package io.slb.announce.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slb.testing.Prerequisites;
import io.slb.testing.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Layer 3 end to end: the shaded slb runs in the speaker namespace ({@code --dataplane proxy --bgp} with
 * local IPAM, talking to gobgpd over its unix socket), bird2 in the router namespace is the independent
 * reader. Creating a load balancer makes its VIP appear at bird via the speaker; deleting it withdraws it;
 * a gobgpd killed with SIGKILL and started again gets every VIP back.
 */
class BgpLayer3IT {
    /** The bound for VIPs to be back at the router after a gobgpd restart. */
    private static final Duration BACK_AFTER_RESTART = Duration.ofSeconds(5);
    /** bird dials gobgpd after its 1 s connect delay; session setup takes a few hundred ms more. */
    private static final Duration SESSION_UP = Duration.ofSeconds(30);
    private static final Duration ROUTE_SEEN = Duration.ofSeconds(5);
    private static final String API = "http://127.0.0.1:10001";
    private static final String STATUS_MARK = "\n--status:";

    private final ObjectMapper json = new ObjectMapper();
    private @Nullable BgpLab lab;
    private @Nullable Process slb;
    private @Nullable Path dataDir;

    @BeforeEach
    void start() throws Exception {
        Prerequisites.requireRoot();
        Prerequisites.requireCommand("gobgpd");
        Prerequisites.requireCommand("bird");
        Prerequisites.requireCommand("curl");
        Path jar = Prerequisites.slbJar();
        lab = BgpLab.start();
        dataDir = Files.createDirectories(lab.dir.resolve("slb-data"));
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", lab.speaker,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "server",
                "--address", "127.0.0.1", "--port", "10001", "--dataDir", dataDir.toString(), "--dataplane", "proxy",
                "--ipamRange", "192.0.2.10-192.0.2.20,2001:db8:99::10-2001:db8:99::20",
                "--bgp", "--bgpApi", "unix://" + lab.apiSocket, "--bgpAs", Long.toString(BgpLab.SPEAKER_AS),
                "--bgpRouterId", BgpLab.SPEAKER_IP, "--bgpPeer", BgpLab.ROUTER_IP + ":" + BgpLab.ROUTER_AS,
                "--bgpNextHop", BgpLab.SPEAKER_IP6));
        slb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(lab.dir.resolve("slb.log").toFile()).start();
        Awaitility.await("slb API in the speaker namespace").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> curl("GET", "/healthz", null).startsWith("200"));
        Awaitility.await("bird's session with gobgpd").atMost(SESSION_UP).until(lab::sessionUp);
    }

    @AfterEach
    void stop() throws Exception {
        if (slb != null) {
            slb.destroy();
            if (!slb.waitFor(10, TimeUnit.SECONDS)) {
                slb.destroyForcibly();
            }
        }
        if (lab != null) {
            if (slb != null) {
                System.out.println("slb log:\n" + Files.readString(lab.dir.resolve("slb.log")));
            }
            lab.close();
        }
    }

    @Test
    void vipsAppearAtTheRouterWhileTheirLoadBalancersExist() throws Exception {
        BgpLab l = lab();
        String v4 = create("{\"name\":\"web\",\"port\":8080}");
        String v6 = create("{\"name\":\"web6\",\"port\":8080,\"eip\":\"2001:db8:99::10\"}");
        String vip4 = get(v4).get("eip").asText();

        Awaitility.await("both VIPs at bird").atMost(ROUTE_SEEN)
                .until(() -> l.birdRouteCount(vip4 + "/32") == 1 && l.birdRouteCount("2001:db8:99::10/128") == 1);
        String routes = l.birdRoutes();
        assertThat(routes).contains("via " + BgpLab.SPEAKER_IP, "via " + BgpLab.SPEAKER_IP6, "BGP.origin: IGP");
        JsonNode peers = json.readTree(body(curl("GET", "/bgp/peers", null)));
        assertThat(peers.get("connected").asBoolean()).isTrue();
        assertThat(peers.get("peers").get(0).get("address").asText()).isEqualTo(BgpLab.ROUTER_IP);
        assertThat(peers.get("peers").get(0).get("state").asText()).isEqualTo("ESTABLISHED");

        assertThat(curl("DELETE", "/loadbalancer/" + v4, null)).startsWith("204");
        assertThat(curl("DELETE", "/loadbalancer/" + v6, null)).startsWith("204");
        Awaitility.await("both VIPs withdrawn at bird").atMost(ROUTE_SEEN)
                .until(() -> l.birdRouteCount(vip4 + "/32") == 0 && l.birdRouteCount("2001:db8:99::10/128") == 0);
    }

    @Test
    void everyVipIsBackOnceAKilledGobgpdIsStartedAgain() throws Exception {
        BgpLab l = lab();
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            prefixes.add(get(create("{\"name\":\"lb" + i + "\",\"port\":" + (9000 + i) + "}")).get("eip").asText() + "/32");
        }
        create("{\"name\":\"v6\",\"port\":9100,\"eip\":\"2001:db8:99::11\"}");
        prefixes.add("2001:db8:99::11/128");
        Awaitility.await("all VIPs at bird").atMost(ROUTE_SEEN)
                .until(() -> prefixes.stream().allMatch(p -> l.birdRouteCount(p) == 1));

        l.killGobgpd();
        Awaitility.await("bird to notice the dead speaker").atMost(SESSION_UP)
                .until(() -> prefixes.stream().allMatch(p -> l.birdRouteCount(p) == 0));
        long restarted = System.nanoTime();
        l.startGobgpd();
        Awaitility.await("every VIP back at bird").atMost(BACK_AFTER_RESTART)
                .until(() -> prefixes.stream().allMatch(p -> l.birdRouteCount(p) == 1));
        System.out.printf("VIPs back at bird %d ms after gobgpd was started again%n", (System.nanoTime() - restarted) / 1_000_000);
        String rib = l.inSpeaker("gobgp", "--target", "unix://" + l.apiSocket, "global", "rib", "-a", "ipv4");
        for (String p : prefixes.subList(0, 3)) {
            assertThat(rib.lines().filter(line -> line.contains(p)).count()).as("paths for %s in gobgpd", p).isEqualTo(1);
        }
    }

    private BgpLab lab() {
        if (lab == null) {
            throw new IllegalStateException("lab not started");
        }
        return lab;
    }

    /** Creates a load balancer and returns its uuid. */
    private String create(String body) throws Exception {
        String reply = curl("POST", "/loadbalancer", body);
        assertThat(reply).startsWith("201");
        return json.readTree(body(reply)).get("uuid").asText();
    }

    private JsonNode get(String uuid) throws Exception {
        return json.readTree(body(curl("GET", "/loadbalancer/" + uuid, null)));
    }

    /** Runs curl inside the speaker namespace; returns "STATUS\nBODY". */
    private String curl(String method, String path, @Nullable String body) {
        List<String> args = new ArrayList<>(List.of("ip", "netns", "exec", lab().speaker, "curl", "-s", "--max-time", "5",
                "-X", method, "-w", STATUS_MARK + "%{http_code}", "-o", "-"));
        if (body != null) {
            args.addAll(List.of("-H", "Content-Type: application/json", "-d", body));
        }
        args.add(API + path);
        String out = Shell.run(args.toArray(String[]::new)).output();
        int cut = out.lastIndexOf(STATUS_MARK);
        return cut < 0 ? "000\n" + out : out.substring(cut + STATUS_MARK.length()).trim() + "\n" + out.substring(0, cut);
    }

    private static String body(String reply) {
        return reply.substring(reply.indexOf('\n') + 1);
    }
}
