package io.slb.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import io.slb.testing.Http;
import io.slb.testing.SlbServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad requests over real HTTP: each gets a 4xx application/problem+json answer (never a 5xx), and
 * none of them changes anything (same listing, same journal position).
 */
class BadRequestsIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String JSON = "application/json";

    @RegisterExtension
    final SlbServerExtension slb = SlbServerExtension.seedRange();

    private record Bad(String name, HttpMethod method, String path, @Nullable String contentType, @Nullable String body, int status) {}

    @Test
    void everyBadRequestGetsAProblemAndChangesNothing() throws Exception {
        Http http = new Http(slb.baseUrl());
        JsonNode lb = MAPPER.readTree(http.postJson("/loadbalancer", "{\"name\":\"web\",\"port\":80}").body());
        String id = lb.get("uuid").asText();
        String eip = lb.get("eip").asText();
        assertThat(http.postJson("/loadbalancer/" + id + "/backend", "{\"ip\":\"10.0.0.2\",\"port\":80}").status()).isEqualTo(201);
        String unknown = UUID.randomUUID().toString();
        String lbPath = "/loadbalancer/" + id;
        String backends = lbPath + "/backend";

        List<Bad> cases = new ArrayList<>(List.of(
                post("malformed JSON", "/loadbalancer", "{\"name\":", 400),
                post("empty body", "/loadbalancer", "", 400),
                post("array body", "/loadbalancer", "[]", 400),
                post("string body", "/loadbalancer", "\"web\"", 400),
                post("missing port", "/loadbalancer", "{\"name\":\"x\"}", 400),
                post("port zero", "/loadbalancer", "{\"name\":\"x\",\"port\":0}", 400),
                post("port too large", "/loadbalancer", "{\"name\":\"x\",\"port\":70000}", 400),
                post("port as string", "/loadbalancer", "{\"name\":\"x\",\"port\":\"80\"}", 400),
                post("port as float", "/loadbalancer", "{\"name\":\"x\",\"port\":80.5}", 400),
                post("port null", "/loadbalancer", "{\"name\":\"x\",\"port\":null}", 400),
                post("missing name", "/loadbalancer", "{\"port\":80}", 400),
                post("empty name", "/loadbalancer", "{\"name\":\"\",\"port\":80}", 400),
                post("name not a string", "/loadbalancer", "{\"name\":12,\"port\":80}", 400),
                post("unknown protocol", "/loadbalancer", "{\"name\":\"x\",\"port\":80,\"protocol\":\"sctp\"}", 400),
                post("unknown scheduler", "/loadbalancer", "{\"name\":\"x\",\"port\":80,\"scheduler\":\"fastest\"}", 400),
                post("eip not an address", "/loadbalancer", "{\"name\":\"x\",\"port\":80,\"eip\":\"not-an-ip\"}", 400),
                post("eip multicast", "/loadbalancer", "{\"name\":\"x\",\"port\":80,\"eip\":\"224.0.0.1\"}", 400),
                post("eip outside the pools", "/loadbalancer", "{\"name\":\"x\",\"port\":80,\"eip\":\"10.9.9.9\"}", 422),
                post("eip in use", "/loadbalancer", "{\"name\":\"x\",\"port\":80,\"eip\":\"" + eip + "\"}", 409),
                post("unknown field", "/loadbalancer", "{\"name\":\"x\",\"port\":80,\"prot\":\"tcp\"}", 400),
                post("duplicate key", "/loadbalancer", "{\"name\":\"x\",\"port\":80,\"port\":81}", 400),
                post("uuid given by client", "/loadbalancer", "{\"uuid\":\"" + unknown + "\",\"name\":\"x\",\"port\":80}", 400),
                new Bad("unsupported content type", HttpMethod.POST, "/loadbalancer", "application/xml", "<lb/>", 415),
                post("body too large", "/loadbalancer", "{\"name\":\"" + "x".repeat(70_000) + "\",\"port\":80}", 413),
                post("backend to bad uuid", "/loadbalancer/nope/backend", "{\"ip\":\"10.0.0.3\",\"port\":80}", 400),
                post("backend to unknown load balancer", "/loadbalancer/" + unknown + "/backend", "{\"ip\":\"10.0.0.3\",\"port\":80}", 404),
                post("backend without ip", backends, "{\"port\":80}", 400),
                post("backend ip out of range", backends, "{\"ip\":\"999.1.1.1\",\"port\":80}", 400),
                post("backend ip a hostname", backends, "{\"ip\":\"localhost\",\"port\":80}", 400),
                post("backend ip multicast", backends, "{\"ip\":\"239.1.1.1\",\"port\":80}", 400),
                post("backend port negative", backends, "{\"ip\":\"10.0.0.3\",\"port\":-1}", 400),
                post("backend weight negative", backends, "{\"ip\":\"10.0.0.3\",\"port\":80,\"weight\":-1}", 400),
                post("backend weight too large", backends, "{\"ip\":\"10.0.0.3\",\"port\":80,\"weight\":70000}", 400),
                post("backend unknown type", backends, "{\"ip\":\"10.0.0.3\",\"port\":80,\"type\":\"NAT44\"}", 400),
                post("duplicate backend", backends, "{\"ip\":\"10.0.0.2\",\"port\":80}", 409),
                new Bad("delete bad uuid", HttpMethod.DELETE, "/loadbalancer/12345", null, null, 400),
                new Bad("delete unknown", HttpMethod.DELETE, "/loadbalancer/" + unknown, null, null, 404),
                new Bad("delete unknown backend", HttpMethod.DELETE, backends + "/" + unknown, null, null, 404),
                new Bad("get unknown", HttpMethod.GET, "/loadbalancer/" + unknown, null, null, 404),
                new Bad("get unknown backend", HttpMethod.GET, backends + "/" + unknown, null, null, 404),
                new Bad("PUT a collection", HttpMethod.PUT, "/loadbalancer", JSON, "{}", 405),
                new Bad("PATCH a load balancer", HttpMethod.PATCH, lbPath, JSON, "{}", 405),
                new Bad("POST the listing", HttpMethod.POST, "/loadbalancers", JSON, "{}", 405),
                new Bad("unknown route", HttpMethod.GET, "/nope", null, null, 404)));

        // NB: wait for the reconciler's status report, so nothing but the bad requests could move the journal.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                MAPPER.readTree(http.get(lbPath).body()).get("status").get("state").asText().equals("active"));
        String before = http.get("/loadbalancers").body();
        long position = http.get("/healthz").status() == 200
                ? MAPPER.readTree(http.get("/healthz").body()).get("position").asLong() : -1;

        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        for (Bad bad : cases) {
            Map<String, String> headers = bad.contentType() == null ? Map.of() : Map.of("Content-Type", bad.contentType());
            Http.Response r = http.send(bad.method(), bad.path(), bad.body(), headers);
            assertThat(r.status()).as(bad.name() + ": " + r.body()).isEqualTo(bad.status());
            assertThat(r.header("Content-Type")).as(bad.name()).startsWith("application/problem+json");
            JsonNode problem = MAPPER.readTree(r.body());
            assertThat(problem.get("status").asInt()).as(bad.name()).isEqualTo(bad.status());
            assertThat(problem.get("type").asText()).as(bad.name()).isNotBlank();
            assertThat(problem.get("detail").asText()).as(bad.name()).isNotBlank();
        }

        assertThat(http.get("/loadbalancers").body()).isEqualTo(before);
        assertThat(MAPPER.readTree(http.get("/healthz").body()).get("position").asLong()).isEqualTo(position);
    }

    private static Bad post(String name, String path, String body, int status) {
        return new Bad(name, HttpMethod.POST, path, JSON, body, status);
    }
}
