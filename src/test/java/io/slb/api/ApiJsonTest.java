package io.slb.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slb.core.Backend;
import io.slb.core.ForwardMethod;
import io.slb.core.LoadBalancer;
import io.slb.core.Protocol;
import io.slb.core.Status;
import io.slb.dataplane.TrafficStats;
import io.slb.dataplane.TrafficStats.Counters;
import io.slb.ipam.IpAddresses;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Load balancers, backends, problems and values render with the seed's names and slb's additions. */
class ApiJsonTest {
    private static final UUID LB = UUID.fromString("087fcb0f-8e07-4123-a32f-e8e83a281023");
    private static final UUID B1 = UUID.fromString("779344ce-72ca-4aec-a1c0-d9c5c4d72419");
    private static final UUID B2 = UUID.fromString("00000000-0000-4000-8000-000000000002");
    private static final Instant CREATED = Instant.parse("2024-05-01T10:00:00Z");
    private static final Backend BACKEND = new Backend(B1, IpAddresses.parse("10.80.96.25"), 6443, 1, ForwardMethod.MASQ);
    private static final LoadBalancer FRESH = new LoadBalancer(
            LB, "test loadbalancer", null, 6443, Protocol.TCP, "rr", List.of(), Status.PENDING, CREATED);

    private final ApiJson json = new ApiJson();
    private final ObjectMapper reader = new ObjectMapper();

    @Test
    void rendersANewLoadBalancerWithNullEipEmptyBackendsAndPendingStatus() throws IOException {
        JsonNode lb = read(json.loadBalancer(FRESH, Optional.empty()));

        assertThat(lb.toString()).isEqualTo("{\"uuid\":\"087fcb0f-8e07-4123-a32f-e8e83a281023\","
                + "\"name\":\"test loadbalancer\",\"eip\":null,\"port\":6443,\"backends\":[],\"protocol\":\"tcp\","
                + "\"scheduler\":\"rr\",\"status\":{\"state\":\"pending\",\"stage\":null,\"error\":null},"
                + "\"createdAt\":\"2024-05-01T10:00:00Z\"}");
    }

    @Test
    void keepsTheSeedFieldNamesFirstInOrder() throws IOException {
        JsonNode lb = read(json.loadBalancer(FRESH.withEip(IpAddresses.parse("147.75.84.41")), Optional.empty()));

        assertThat(lb.fieldNames()).toIterable()
                .startsWith("uuid", "name", "eip", "port", "backends")
                .doesNotContain("stats");
        assertThat(lb.get("eip").asText()).isEqualTo("147.75.84.41");
    }

    @Test
    void rendersBackendsWithWeightAndTypeInOrderAdded() throws IOException {
        Backend second = new Backend(B2, IpAddresses.parse("2001:db8:0:0:0:0:0:25"), 80, 0, ForwardMethod.ROUTE);
        JsonNode lb = read(json.loadBalancer(FRESH.withBackend(BACKEND).withBackend(second), Optional.empty()));

        assertThat(lb.get("backends").toString()).isEqualTo("[{\"uuid\":\"779344ce-72ca-4aec-a1c0-d9c5c4d72419\","
                + "\"ip\":\"10.80.96.25\",\"port\":6443,\"weight\":1,\"type\":\"MASQ\"},"
                + "{\"uuid\":\"00000000-0000-4000-8000-000000000002\",\"ip\":\"2001:db8::25\",\"port\":80,"
                + "\"weight\":0,\"type\":\"ROUTE\"}]");
    }

    @Test
    void rendersAFailedStatusWithStageAndError() throws IOException {
        LoadBalancer failed = FRESH.withStatus(Status.failed("dataplane", "IPVS_CMD_NEW_SERVICE: EEXIST (17)"));

        assertThat(read(json.loadBalancer(failed, Optional.empty())).get("status").toString())
                .isEqualTo("{\"state\":\"failed\",\"stage\":\"dataplane\",\"error\":\"IPVS_CMD_NEW_SERVICE: EEXIST (17)\"}");
        assertThat(read(json.loadBalancer(FRESH.withStatus(Status.ACTIVE), Optional.empty())).at("/status/state").asText())
                .isEqualTo("active");
    }

    @Test
    void rendersStatsForTheLoadBalancerAndOnlyTheBackendsThatHaveThem() throws IOException {
        LoadBalancer lb = FRESH.withBackend(BACKEND)
                .withBackend(new Backend(B2, IpAddresses.parse("10.80.96.26"), 6443, 1, ForwardMethod.MASQ));
        TrafficStats stats = new TrafficStats(new Counters(3, 40, 5000, 6000L * Integer.MAX_VALUE),
                Map.of(B1, new Counters(1, 2, 3, 4)));

        JsonNode out = read(json.loadBalancer(lb, Optional.of(stats)));

        assertThat(out.get("stats").toString()).isEqualTo("{\"activeConnections\":3,\"totalConnections\":40,"
                + "\"bytesIn\":5000,\"bytesOut\":" + 6000L * Integer.MAX_VALUE + "}");
        assertThat(out.at("/backends/0/stats").toString())
                .isEqualTo("{\"activeConnections\":1,\"totalConnections\":2,\"bytesIn\":3,\"bytesOut\":4}");
        assertThat(out.at("/backends/1").has("stats")).isFalse();
    }

    @Test
    void rendersALoadBalancerListInOrderAskingStatsPerLoadBalancer() throws IOException {
        LoadBalancer other = new LoadBalancer(B2, "other", IpAddresses.parse("::1"), 53, Protocol.UDP, "sh",
                List.of(), Status.ACTIVE, CREATED);
        TrafficStats stats = new TrafficStats(Counters.ZERO, Map.of());

        JsonNode list = read(json.loadBalancers(List.of(FRESH, other),
                uuid -> uuid.equals(B2) ? Optional.of(stats) : Optional.empty()));

        assertThat(list.isArray()).isTrue();
        assertThat(list).extracting(n -> n.get("name").asText()).containsExactly("test loadbalancer", "other");
        assertThat(list.get(0).has("stats")).isFalse();
        assertThat(list.get(1).at("/stats/totalConnections").asLong()).isZero();
        assertThat(list.get(1).get("protocol").asText()).isEqualTo("udp");
        assertThat(read(json.loadBalancers(List.of(), uuid -> Optional.empty())).toString()).isEqualTo("[]");
    }

    @Test
    void rendersABackendAloneForTheCreatedReply() throws IOException {
        assertThat(read(json.backend(BACKEND)).toString()).isEqualTo("{\"uuid\":\"779344ce-72ca-4aec-a1c0-d9c5c4d72419\","
                + "\"ip\":\"10.80.96.25\",\"port\":6443,\"weight\":1,\"type\":\"MASQ\"}");
    }

    @Test
    void rendersProblemsWithFieldOnlyWhenSet() throws IOException {
        assertThat(read(json.problem(Problems.badRequest("port", "port: 70000 (expected: 1..65535)"))).toString())
                .isEqualTo("{\"type\":\"urn:slb:problem:invalid-field\",\"title\":\"Invalid field\",\"status\":400,"
                        + "\"detail\":\"port: 70000 (expected: 1..65535)\",\"field\":\"port\"}");
        assertThat(read(json.problem(Problems.notFound("no load balancer " + LB))).has("field")).isFalse();
    }

    @Test
    void rendersValuesWithInstantsAsIsoText() throws IOException {
        record Version(String version, Instant builtAt) {}

        JsonNode out = read(json.value(new Version("1.0.0", CREATED)));
        JsonNode map = read(json.value(Map.of("status", "ok")));

        assertThat(out.toString()).isEqualTo("{\"version\":\"1.0.0\",\"builtAt\":\"2024-05-01T10:00:00Z\"}");
        assertThat(map.toString()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void refusesValuesJacksonCannotSerialize() {
        Object opaque = new Object();

        assertThatThrownBy(() -> json.value(opaque))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object")
                .hasCauseInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    }

    private JsonNode read(byte[] bytes) throws IOException {
        return reader.readTree(bytes);
    }
}
