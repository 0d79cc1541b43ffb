package io.slb.provider.metal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.slb.announce.bgp.BgpLab;
import io.slb.testing.Curl;
import io.slb.testing.NetworkNamespace;
import io.slb.testing.Prerequisites;
import io.slb.testing.SlbProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's layer 3 on Equinix Metal, end to end: {@code slb server --bgp --equinixMetal} with no
 * {@code --bgpPeer} takes its BGP identity and peers from the fake Metal API's neighbour data, which
 * points at a {@link BgpLab} (gobgpd in a speaker namespace, bird2 in a router namespace). slb and the
 * fake both live in the speaker namespace: the fake's listening socket is opened on a thread that
 * entered it, so its 127.0.0.1 is the speaker's. A create reserves an address at the fake and bird
 * learns it as a /32 via the speaker; a delete deletes the reservation and bird loses the route.
 */
class MetalBgpLayer3IT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Where the fake's reservations come from: made local in the speaker namespace so the proxy can bind them. */
    private static final String FAKE_RESERVATIONS = "198.51.100.0/24";
    /** Neighbour discovery plus bird's 1 s connect delay and session setup; generous for a loaded CI box. */
    private static final Duration SESSION_UP = Duration.ofSeconds(30);
    private static final Duration ROUTE_SEEN = Duration.ofSeconds(15);

    @Test
    void peersComeFromMetalAndReservedAddressesAreRoutedAtBirdWhileTheirLoadBalancersExist(@TempDir Path tmp) throws Exception {
        Prerequisites.requireRoot();
        Prerequisites.requireCommand("gobgpd");
        Prerequisites.requireCommand("bird");
        Prerequisites.requireCommand("curl");
        Path jar = Prerequisites.slbJar();
        String device = UUID.randomUUID().toString();
        try (BgpLab lab = BgpLab.start(); FakeMetalApi fake = NetworkNamespace.existing(lab.speaker).enter(FakeMetalApi::new)) {
            NetworkNamespace speaker = NetworkNamespace.existing(lab.speaker);
            speaker.ip("route", "add", "local", FAKE_RESERVATIONS, "dev", "lo");
            fake.neighbours.put(device, neighbourPointingAt());
            try (SlbProcess slb = start(speaker, jar, tmp, fake, lab, device)) {
                try {
                    assertThat(fake.calls).contains("GET /metal/v1/devices/" + device + "/bgp/neighbors");
                    exerciseLoadBalancer(fake, lab, new SlbClient(speaker, slb.baseUrl()));
                } catch (AssertionError | RuntimeException e) {
                    System.out.println("slb log:\n" + slb.output() + "\nbird: " + lab.birdSession());
                    throw e;
                }
                assertThat(slb.stop()).as("exit code after SIGTERM").isIn(0, 143);
            }
        }
    }

    private static void exerciseLoadBalancer(FakeMetalApi fake, BgpLab lab, SlbClient slb) throws Exception {
        Awaitility.await("bird's session with gobgpd, peer from Metal").atMost(SESSION_UP).until(lab::sessionUp);
        JsonNode peers = slb.get("/bgp/peers");
        assertThat(peers.get("peers")).hasSize(1);
        assertThat(peers.get("peers").get(0).get("address").asText()).isEqualTo(BgpLab.ROUTER_IP);
        assertThat(peers.get("peers").get(0).get("asn").asLong()).isEqualTo(BgpLab.ROUTER_AS);

        Curl.Result created = slb.call("-X", "POST", "-H", "Content-Type: application/json",
                "-d", "{\"name\":\"web\",\"port\":8080}", "/loadbalancer");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String uuid = MAPPER.readTree(created.body()).get("uuid").asText();
        Awaitility.await("a reservation at the fake").atMost(ROUTE_SEEN).until(() -> fake.reservations.size() == 1);
        String vip = fake.reservations.values().iterator().next().get("address").asText();
        Awaitility.await("the load balancer's eip").atMost(ROUTE_SEEN)
                .until(() -> vip.equals(slb.get("/loadbalancer/" + uuid).path("eip").asText()));
        Awaitility.await(vip + "/32 at bird").atMost(ROUTE_SEEN).until(() -> lab.birdRouteCount(vip + "/32") == 1);
        assertThat(lab.birdRoutes()).contains("via " + BgpLab.SPEAKER_IP);

        assertThat(slb.call("-X", "DELETE", "/loadbalancer/" + uuid).status()).isEqualTo(204);
        Awaitility.await("the reservation deleted at the fake").atMost(ROUTE_SEEN).until(fake.reservations::isEmpty);
        Awaitility.await(vip + "/32 withdrawn at bird").atMost(ROUTE_SEEN).until(() -> lab.birdRouteCount(vip + "/32") == 0);
    }

    /** Returns Metal neighbour data naming the lab's speaker as the customer side and bird as the peer. */
    private static ArrayNode neighbourPointingAt() {
        ArrayNode list = MAPPER.createArrayNode();
        list.addObject().put("address_family", 4).put("customer_as", BgpLab.SPEAKER_AS).put("customer_ip", BgpLab.SPEAKER_IP)
                .put("md5_enabled", false).put("multihop", false).put("peer_as", BgpLab.ROUTER_AS)
                .set("peer_ips", MAPPER.createArrayNode().add(BgpLab.ROUTER_IP));
        return list;
    }

    private static SlbProcess start(NetworkNamespace ns, Path jar, Path tmp, FakeMetalApi fake, BgpLab lab, String device)
            throws IOException {
        return SlbProcess.startIn(ns, List.of("PACKET_AUTH_TOKEN=" + FakeMetalApi.TOKEN), jar, tmp.resolve("data"),
                SlbProcess.freePort(), "--bgp", "--equinixMetal", "--project", FakeMetalApi.PROJECT, "--facility", "sv15",
                "--adapter", "lo", "--metalApiUrl", fake.baseUrl().toString(), "--metalDeviceId", device,
                "--dataplane", "proxy", "--bgpApi", "unix://" + lab.apiSocket);
    }

    /** SlbClient calls slb's API with curl inside the namespace slb runs in. */
    private record SlbClient(NetworkNamespace ns, String baseUrl) {
        /** Runs curl with {@code args}, the last being the API path. */
        Curl.Result call(String... args) {
            String[] full = args.clone();
            full[full.length - 1] = baseUrl + full[full.length - 1];
            return Curl.runIn(ns, full);
        }

        JsonNode get(String path) throws IOException {
            Curl.Result r = call(path);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return MAPPER.readTree(r.body());
        }
    }
}
