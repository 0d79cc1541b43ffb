package io.slb.announce.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.slb.testing.Prerequisites;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A router that refuses the session (bird expects another AS than slb's) shows up as a clear peer state
 * in {@code GET /bgp/peers} and a warning in slb's log; slb keeps serving and keeps the VIPs in gobgpd.
 */
class RefusedPeerIT {
    /** bird refuses gobgpd's OPEN after its 1 s connect delay, then retries every 1-4 s. */
    private static final Duration REFUSED = Duration.ofSeconds(30);

    private @Nullable BgpLab lab;

    @AfterEach
    void stop() {
        if (lab != null) {
            lab.close(); // stops the slb started on it first
        }
    }

    @Test
    void aRouterExpectingAnotherAsIsReportedAndNothingBreaks() throws Exception {
        Prerequisites.requireRoot();
        Prerequisites.requireCommand("gobgpd");
        Prerequisites.requireCommand("bird");
        Prerequisites.requireCommand("curl");
        Prerequisites.slbJar();
        BgpLab l = BgpLab.routerExpectingAs(BgpLab.SPEAKER_AS + 1);
        lab = l;
        SpeakerSlb s = SpeakerSlb.start(l);

        Awaitility.await("bird refusing slb").atMost(REFUSED).until(() -> l.birdSession().contains("Bad peer AS"));
        Awaitility.await("the refusal in /bgp/peers").atMost(REFUSED).untilAsserted(() -> {
            JsonNode peer = s.get("/bgp/peers").get("peers").get(0);
            assertThat(peer.get("state").asText()).isNotEqualTo("ESTABLISHED");
            assertThat(peer.path("problem").asText()).contains("refused");
        });
        System.out.println("/bgp/peers: " + s.get("/bgp/peers"));
        assertThat(s.get("/bgp/peers").get("connected").asBoolean()).isTrue();
        assertThat(s.log()).contains("bgp: peer " + BgpLab.ROUTER_IP + " AS " + BgpLab.ROUTER_AS + " refused the session");

        String uuid = s.create("{\"name\":\"web\",\"port\":8080}");
        assertThat(s.get("/loadbalancer/" + uuid).get("eip").asText()).startsWith("192.0.2.");
        assertThat(s.curl("GET", "/healthz", null)).startsWith("200");
        assertThat(l.sessionUp()).isFalse();
    }
}
