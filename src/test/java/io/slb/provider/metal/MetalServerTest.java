package io.slb.provider.metal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slb.announce.arp.ArpOptions;
import io.slb.api.sse.SseOptions;
import io.slb.core.SlbState;
import io.slb.ipam.AddressPools;
import io.slb.journal.JournalOptions;
import io.slb.pipeline.ReconcilerOptions;
import io.slb.server.SlbConfig;
import io.slb.server.SlbServer;
import io.slb.testing.Http;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A real slb ({@code --equinixMetal --dataplane none}) against the fake Metal API, driven over HTTP. */
class MetalServerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int CREATES = 100;
    private static final Duration CONVERGE = Duration.ofSeconds(90);
    private final FakeMetalApi fake = new FakeMetalApi();
    private SlbServer slb;

    @AfterEach
    void stop() {
        if (slb != null) {
            slb.close();
        }
        fake.close();
    }

    private Http start(Path dir, String token, String project) throws IOException {
        MetalOptions metal = new MetalOptions(fake.baseUrl(), token, project, "sv15", null, null, FakeMetalApi.HOSTNAME,
                Duration.ofSeconds(1), MetalFixture.RETRIES, Duration.ofMillis(10), Duration.ofMillis(50));
        ReconcilerOptions reconciler = new ReconcilerOptions(Duration.ofSeconds(5), 2, Duration.ofMillis(20),
                Duration.ofMillis(200), Duration.ofMillis(500));
        slb = SlbServer.start(new SlbConfig("127.0.0.1", 0, dir, AddressPools.NONE, null, null,
                SlbConfig.AnnounceMode.NONE, SlbConfig.DataplaneMode.NONE, SlbConfig.DEFAULT_COMMAND_QUEUE,
                SlbConfig.DEFAULT_MAX_BODY_BYTES, JournalOptions.DEFAULTS, reconciler, SseOptions.DEFAULTS, ArpOptions.DEFAULTS,
                null, metal));
        return new Http("http://127.0.0.1:" + slb.port());
    }

    private static UUID create(Http http, String name) throws IOException {
        Http.Response created = http.postJson("/loadbalancer", "{\"name\":\"" + name + "\",\"port\":80}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return UUID.fromString(MAPPER.readTree(created.body()).get("uuid").asText());
    }

    @Test
    void withHalfTheAnswersFailingEveryLiveLoadBalancerHasExactlyOneReservationAndNoneLeak(@TempDir Path dir)
            throws IOException {
        Random random = new Random(42);
        fake.faults = (method, path) -> {
            synchronized (random) {
                double roll = random.nextDouble();
                return roll < 0.25 ? Fault.RATE_LIMITED : roll < 0.40 ? Fault.ERROR_BEFORE
                        : roll < 0.50 ? Fault.ERROR_AFTER : Fault.NONE;
            }
        };
        Http http = start(dir, FakeMetalApi.TOKEN, FakeMetalApi.PROJECT);
        List<UUID> live = new ArrayList<>();
        for (int i = 0; i < CREATES; i++) {
            UUID id = create(http, "lb-" + i);
            if (i % 2 == 0) {
                assertThat(http.delete("/loadbalancer/" + id).status()).isEqualTo(204);
            } else {
                live.add(id);
            }
        }

        Awaitility.await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200)).until(() -> {
            SlbState state = slb.processor().state();
            return state.pendingReleases().isEmpty() && state.all().stream().allMatch(lb -> lb.eip() != null)
                    && fake.reservations.size() == live.size();
        });

        SlbState state = slb.processor().state();
        assertThat(state.loadBalancers().keySet()).containsExactlyInAnyOrderElementsOf(live);
        assertThat(fake.reservations).as("0 leaked").hasSize(live.size());
        for (UUID id : live) {
            assertThat(fake.tagged(MetalAddressProvider.tag(id))).as("0 duplicated for %s", id).isEqualTo(1);
            JsonNode reservation = fake.reservations.get(state.addressRef(id));
            assertThat(reservation).as("the recorded ref of %s exists", id).isNotNull();
            assertThat(reservation.get("address").asText()).isEqualTo(state.find(id).orElseThrow().eip().getHostAddress());
        }
        assertThat(fake.requested.get()).as("one request per load balancer that got an address")
                .isLessThanOrEqualTo(CREATES);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("bad token", "wrong", FakeMetalApi.PROJECT, false, "Invalid authentication token"),
                Arguments.of("unknown project", FakeMetalApi.TOKEN, "no-such-project", false, "Not found (HTTP 404"),
                Arguments.of("approval required", FakeMetalApi.TOKEN, FakeMetalApi.PROJECT, true,
                        "IP reservation request requires approval (HTTP 422"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusalIsAClearFailedStatusAndSlbKeepsServing(String name, String token, String project, boolean approval,
                                                        String text, @TempDir Path dir) throws IOException {
        fake.approvalRequired = approval;
        Http http = start(dir, token, project);
        UUID id = create(http, "web");

        Awaitility.await().atMost(CONVERGE).until(() ->
                MAPPER.readTree(http.get("/loadbalancer/" + id).body()).path("status").path("state").asText().equals("failed"));

        JsonNode status = MAPPER.readTree(http.get("/loadbalancer/" + id).body()).path("status");
        assertThat(status.path("stage").asText()).isEqualTo("address");
        assertThat(status.path("error").asText()).startsWith("Equinix Metal API: ").contains(text);
        assertThat(http.get("/loadbalancers").status()).isEqualTo(200);
        assertThat(http.delete("/loadbalancer/" + id).status()).isEqualTo(204);
        assertThat(fake.reservations).isEmpty();
    }
}
