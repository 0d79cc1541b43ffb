package io.slb.provider.metal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * FakeMetalApi is an Equinix Metal API on 127.0.0.1 for tests, answering the calls slb makes with
 * the documented JSON shapes (anchors §6.2): IP reservations of one project (list, request, delete),
 * devices paginated with {@code meta.next}, and BGP neighbours. It checks {@code X-Auth-Token}
 * (401), knows one project (404 otherwise), refuses reservations when approval is required (422),
 * and applies a {@link Fault.Schedule} the test sets: 429 with {@code X-RateLimit-*} headers, 500s
 * before or after applying a request, slow answers, and answers held until the connection closes.
 */
final class FakeMetalApi implements AutoCloseable {
    static final String TOKEN = "fake-metal-token";
    static final String PROJECT = "5e3ac2c6-0000-4000-8000-00000000000p";
    static final String DEVICE = "d0000000-0000-4000-8000-000000000001";
    static final String HOSTNAME = "slb-host-1";
    private static final String BASE = "/metal/v1";
    private static final Pattern PROJECT_IPS = Pattern.compile(BASE + "/projects/([^/]+)/ips");
    private static final Pattern PROJECT_DEVICES = Pattern.compile(BASE + "/projects/([^/]+)/devices");
    private static final Pattern IP = Pattern.compile(BASE + "/ips/([^/]+)");
    private static final Pattern NEIGHBOURS = Pattern.compile(BASE + "/devices/([^/]+)/bgp/neighbors");
    private static final int DEFAULT_PER_PAGE = 10;

    private final ObjectMapper json = new ObjectMapper();
    private final DisposableServer server;
    /** Reservations by id, in creation order of their ids' counter. */
    final Map<String, ObjectNode> reservations = new ConcurrentHashMap<>();
    final List<String> devices = new CopyOnWriteArrayList<>();
    final Map<String, ArrayNode> neighbours = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger requested = new AtomicInteger();
    volatile Fault.Schedule faults = Fault.Schedule.NONE;
    volatile boolean approvalRequired;
    /** Seconds from now that a 429's X-RateLimit-Reset names. */
    volatile long rateLimitResetSeconds;
    private final AtomicInteger nextAddress = new AtomicInteger();

    FakeMetalApi() {
        for (int i = 1; i <= 25; i++) {
            devices.add(i == 17 ? HOSTNAME : "other-" + i);
        }
        neighbours.put(DEVICE, json.createArrayNode().add(json.createObjectNode()
                .put("address_family", 4).put("customer_as", 65000).put("customer_ip", "10.67.50.3")
                .put("md5_enabled", true).put("md5_password", "s3cret").put("multihop", true).put("peer_as", 65530)
                .set("peer_ips", json.createArrayNode().add("169.254.255.1").add("169.254.255.2"))));
        server = HttpServer.create().host("127.0.0.1").port(0).handle(this::serve).bindNow();
    }

    /** Returns the base URL to give slb ({@code --metalApiUrl}). */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + ((InetSocketAddress) server.address()).getPort() + BASE);
    }

    /** Returns how many reservations carry {@code tag}. */
    long tagged(String tag) {
        return reservations.values().stream().filter(r -> r.path("tags").toString().contains("\"" + tag + "\"")).count();
    }

    private Mono<Void> serve(HttpServerRequest req, HttpServerResponse res) {
        String method = req.method().name();
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        calls.add(method + " " + req.uri());
        return req.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
            Fault fault = faults.next(method, uri.path());
            switch (fault.kind()) {
                case RATE_LIMITED:
                    return send(res.header("X-RateLimit-Limit", "10").header("X-RateLimit-Remaining", "0")
                            .header("X-RateLimit-Reset", Long.toString(Instant.now().getEpochSecond() + rateLimitResetSeconds)),
                            new Answer(429, error("Too many requests")));
                case ERROR_BEFORE:
                    return send(res, new Answer(500, error("Internal server error")));
                default:
                    break;
            }
            Answer answer = req.requestHeaders().contains("X-Auth-Token", TOKEN, false)
                    ? route(method, uri, body) : new Answer(401, error("Invalid authentication token"));
            return switch (fault.kind()) {
                case ERROR_AFTER -> send(res, new Answer(503, error("Service unavailable")));
                case SLOW -> Mono.delay(fault.delay()).then(send(res, answer));
                case HOLD -> Mono.never();
                default -> send(res, answer);
            };
        });
    }

    private Answer route(String method, QueryStringDecoder uri, byte[] body) {
        String path = uri.path();
        Matcher m;
        if ((m = PROJECT_IPS.matcher(path)).matches()) {
            if (!PROJECT.equals(m.group(1))) {
                return new Answer(404, error("Not found"));
            }
            return method.equals("GET") ? listReservations(uri) : method.equals("POST") ? request(body) : notAllowed();
        }
        if ((m = IP.matcher(path)).matches() && method.equals("DELETE")) {
            return reservations.remove(m.group(1)) != null ? new Answer(204, null) : new Answer(404, error("Not found"));
        }
        if ((m = PROJECT_DEVICES.matcher(path)).matches() && method.equals("GET")) {
            return PROJECT.equals(m.group(1)) ? devicePage(uri) : new Answer(404, error("Not found"));
        }
        if ((m = NEIGHBOURS.matcher(path)).matches() && method.equals("GET")) {
            ArrayNode found = neighbours.get(m.group(1));
            return found == null ? new Answer(404, error("Not found"))
                    : new Answer(200, json.createObjectNode().set("bgp_neighbors", found));
        }
        return new Answer(404, error("Not found"));
    }

    private Answer listReservations(QueryStringDecoder uri) {
        List<String> types = uri.parameters().getOrDefault("types", List.of());
        ArrayNode out = json.createArrayNode();
        reservations.values().stream()
                .filter(r -> types.isEmpty() || types.contains(r.path("type").asText()))
                .forEach(out::add);
        return new Answer(200, json.createObjectNode().set("ip_addresses", out));
    }

    private Answer request(byte[] body) {
        JsonNode in;
        try {
            in = json.readTree(body);
        } catch (IOException e) {
            return new Answer(422, error("invalid JSON"));
        }
        if (!"public_ipv4".equals(in.path("type").asText()) || in.path("quantity").asInt() != 1
                || in.path("facility").isMissingNode() && in.path("metro").isMissingNode()) {
            return new Answer(422, error("type, quantity and facility or metro are required"));
        }
        if (approvalRequired && in.path("fail_on_approval_required").asBoolean()) {
            return new Answer(422, error("IP reservation request requires approval"));
        }
        requested.incrementAndGet();
        int n = nextAddress.incrementAndGet();
        String id = UUID.randomUUID().toString();
        ObjectNode r = json.createObjectNode().put("id", id).put("address_family", 4).put("type", "public_ipv4")
                .put("address", "198.51." + (100 + n / 250) + "." + (1 + n % 250)).put("cidr", 32)
                .put("public", true).put("management", false).put("state", "created")
                .put("href", BASE + "/ips/" + id);
        r.put("network", r.get("address").asText());
        r.set("tags", in.path("tags").isArray() ? in.get("tags") : json.createArrayNode());
        r.set("details", in.path("details"));
        r.set("facility", json.createObjectNode().put("code", in.path("facility").asText("")));
        reservations.put(id, r);
        return new Answer(201, r);
    }

    private Answer devicePage(QueryStringDecoder uri) {
        int page = Integer.parseInt(uri.parameters().getOrDefault("page", List.of("1")).get(0));
        int perPage = Math.min(DEFAULT_PER_PAGE, Integer.parseInt(uri.parameters().getOrDefault("per_page", List.of("10")).get(0)));
        int from = (page - 1) * perPage;
        ArrayNode out = json.createArrayNode();
        for (int i = from; i < Math.min(devices.size(), from + perPage); i++) {
            String id = i == 16 ? DEVICE : new UUID(0xde, i).toString();
            out.add(json.createObjectNode().put("id", id).put("hostname", devices.get(i)).put("state", "active"));
        }
        ObjectNode meta = json.createObjectNode().put("total", devices.size()).put("current_page", page);
        if (from + perPage < devices.size()) {
            meta.set("next", json.createObjectNode().put("href",
                    BASE + "/projects/" + PROJECT + "/devices?page=" + (page + 1) + "&per_page=" + perPage));
        }
        ObjectNode answer = json.createObjectNode();
        answer.set("devices", out);
        answer.set("meta", meta);
        return new Answer(200, answer);
    }

    private Answer notAllowed() {
        return new Answer(405, error("Method not allowed"));
    }

    private ObjectNode error(String text) {
        return json.createObjectNode().set("errors", json.createArrayNode().add(text));
    }

    private Mono<Void> send(HttpServerResponse res, Answer answer) {
        res.status(HttpResponseStatus.valueOf(answer.status()));
        if (answer.body() == null) {
            return res.send();
        }
        return res.header("Content-Type", "application/json")
                .sendString(Mono.just(answer.body().toString()), StandardCharsets.UTF_8).then();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }

    /** Answer is a status and a JSON body (null for 204). */
    private record Answer(int status, JsonNode body) {}
}
