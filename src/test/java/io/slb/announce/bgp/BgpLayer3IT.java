package io.slb.announce.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.slb.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Layer 3 end to end: the shaded slb runs in the speaker namespace ({@code --dataplane proxy --bgp} with
 * local IPAM, talking to gobgpd over its unix socket), bird2 in the router namespace is the independent
 * reader. Creating a load balancer makes its VIP appear at bird via the speaker; deleting it withdraws it;
 * a gobgpd killed with SIGKILL and started again gets every VIP back, and {@code /events} tells the story.
 */
class BgpLayer3IT {
    /** The bound for VIPs to be back at the router after a gobgpd restart. */
    static final Duration BACK_AFTER_RESTART = Duration.ofSeconds(5);
    /** bird dials gobgpd after its 1 s connect delay; session setup takes a few hundred ms more. */
    static final Duration SESSION_UP = Duration.ofSeconds(30);
    static final Duration ROUTE_SEEN = Duration.ofSeconds(5);

    private @Nullable BgpLab lab;
    private @Nullable SpeakerSlb slb;

    @BeforeEach
    void start() throws Exception {
        Prerequisites.requireRoot();
        Prerequisites.requireCommand("gobgpd");
        Prerequisites.requireCommand("bird");
        Prerequisites.requireCommand("curl");
        Prerequisites.slbJar();
        lab = BgpLab.start();
        slb = SpeakerSlb.start(lab);
        Awaitility.await("bird's session with gobgpd").atMost(SESSION_UP).until(lab::sessionUp);
    }

    @AfterEach
    void stop() {
        if (lab != null) {
            lab.close(); // stops the slb started on it first
        }
    }

    @Test
    void vipsAppearAtTheRouterWhileTheirLoadBalancersExist() throws Exception {
        BgpLab l = lab();
        SpeakerSlb s = slb();
        String v4 = s.create("{\"name\":\"web\",\"port\":8080}");
        String v6 = s.create("{\"name\":\"web6\",\"port\":8080,\"eip\":\"2001:db8:99::10\"}");
        String vip4 = s.get("/loadbalancer/" + v4).get("eip").asText();

        Awaitility.await("both VIPs at bird").atMost(ROUTE_SEEN)
                .until(() -> l.birdRouteCount(vip4 + "/32") == 1 && l.birdRouteCount("2001:db8:99::10/128") == 1);
        String routes = l.birdRoutes();
        assertThat(routes).contains("via " + BgpLab.SPEAKER_IP, "via " + BgpLab.SPEAKER_IP6, "BGP.origin: IGP");
        JsonNode peers = s.get("/bgp/peers");
        assertThat(peers.get("connected").asBoolean()).isTrue();
        assertThat(peers.get("peers").get(0).get("address").asText()).isEqualTo(BgpLab.ROUTER_IP);
        assertThat(peers.get("peers").get(0).get("state").asText()).isEqualTo("ESTABLISHED");

        assertThat(s.curl("DELETE", "/loadbalancer/" + v4, null)).startsWith("204");
        assertThat(s.curl("DELETE", "/loadbalancer/" + v6, null)).startsWith("204");
        Awaitility.await("both VIPs withdrawn at bird").atMost(ROUTE_SEEN)
                .until(() -> l.birdRouteCount(vip4 + "/32") == 0 && l.birdRouteCount("2001:db8:99::10/128") == 0);
    }

    @Test
    void everyVipIsBackOnceAKilledGobgpdIsStartedAgain() throws Exception {
        BgpLab l = lab();
        SpeakerSlb s = slb();
        List<String> prefixes = new ArrayList<>();
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String uuid = s.create("{\"name\":\"lb" + i + "\",\"port\":" + (9000 + i) + "}");
            uuids.add(uuid);
            prefixes.add(s.get("/loadbalancer/" + uuid).get("eip").asText() + "/32");
        }
        uuids.add(s.create("{\"name\":\"v6\",\"port\":9100,\"eip\":\"2001:db8:99::11\"}"));
        prefixes.add("2001:db8:99::11/128");
        Awaitility.await("all VIPs at bird").atMost(ROUTE_SEEN)
                .until(() -> prefixes.stream().allMatch(p -> l.birdRouteCount(p) == 1));
        // bird can see a route a moment before the reconciler journals "active": wait for that, so the
        // stream opened below starts after every load balancer's last status change.
        Awaitility.await("every load balancer active").atMost(ROUTE_SEEN).until(() -> {
            for (String uuid : uuids) {
                if (!"active".equals(s.get("/loadbalancer/" + uuid).path("status").path("state").asText())) {
                    return false;
                }
            }
            return true;
        });
        Path events = s.openEventStream();
        Awaitility.await("event stream open").atMost(ROUTE_SEEN).until(() -> Files.readString(events).contains("stream open"));

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

        String lost = "event: bgp.peer\ndata: {\"address\":\"" + BgpLab.ROUTER_IP + "\",\"asn\":" + BgpLab.ROUTER_AS
                + ",\"state\":\"UNKNOWN\"";
        String up = "event: bgp.peer\ndata: {\"address\":\"" + BgpLab.ROUTER_IP + "\",\"asn\":" + BgpLab.ROUTER_AS
                + ",\"state\":\"ESTABLISHED\"";
        Awaitility.await("peer lost and back on /events").atMost(SESSION_UP).untilAsserted(() -> {
            String stream = Files.readString(events);
            assertThat(stream).contains(lost);
            assertThat(stream.indexOf(up, stream.indexOf(lost))).as(stream).isPositive();
        });
        assertThat(Files.readString(events)).doesNotContain("id: ");
    }

    /**
     * A load balancer created while gobgpd is down fails at the announce stage; once gobgpd is back the
     * announcer's recovery makes the reconciler run it again at once, not at the next resync (set to
     * 10 minutes here, so only the recovery can turn it active in time).
     */
    @Test
    void aLoadBalancerThatFailedWhileGobgpdWasDownTurnsActiveOnceItIsBack() throws Exception {
        BgpLab l = lab();
        slb().close();
        slb = SpeakerSlb.start(l, "--resyncInterval", "10m");
        SpeakerSlb s = slb();
        Awaitility.await("bird's session with gobgpd").atMost(SESSION_UP).until(l::sessionUp);

        l.killGobgpd();
        String uuid = s.create("{\"name\":\"late\",\"port\":9300}");
        String vip = s.get("/loadbalancer/" + uuid).get("eip").asText();
        Awaitility.await("announce stage failed").atMost(SESSION_UP)
                .until(() -> "failed".equals(s.get("/loadbalancer/" + uuid).path("status").path("state").asText()));
        assertThat(s.get("/loadbalancer/" + uuid).path("status").path("stage").asText()).isEqualTo("announce");

        long restarted = System.nanoTime();
        l.startGobgpd();
        Awaitility.await("active once gobgpd is back").atMost(ROUTE_SEEN.multipliedBy(3))
                .until(() -> "active".equals(s.get("/loadbalancer/" + uuid).path("status").path("state").asText()));
        System.out.printf("status active %d ms after gobgpd was started again%n", (System.nanoTime() - restarted) / 1_000_000);
        Awaitility.await("VIP at bird").atMost(SESSION_UP).until(() -> l.birdRouteCount(vip + "/32") == 1);
    }

    private BgpLab lab() {
        if (lab == null) {
            throw new IllegalStateException("lab not started");
        }
        return lab;
    }

    private SpeakerSlb slb() {
        if (slb == null) {
            throw new IllegalStateException("slb not started");
        }
        return slb;
    }
}
