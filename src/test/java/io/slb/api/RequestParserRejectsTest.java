package io.slb.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad request becomes a 4xx problem with the right type and field; none is a 5xx, and every
 * problem renders as JSON.
 */
class RequestParserRejectsTest {
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String GOOD_CREATE = "{\"name\":\"lb\",\"port\":80}";
    private static final String MALFORMED = "malformed-body";
    private static final String INVALID = "invalid-field";
    private static final String MEDIA = "unsupported-media-type";

    private final RequestParser parser = new RequestParser();
    private final ApiJson json = new ApiJson();

    enum Target { CREATE, BACKEND, UUID, BACKEND_UUID }

    record Bad(Target target, @Nullable String contentType, byte[] body, int status, String slug,
               @Nullable String field) {}

    static Stream<Named<Bad>> badRequests() {
        return Stream.of(
                // Content types
                create("text/plain is not JSON", "text/plain", GOOD_CREATE, 415, MEDIA, null),
                create("application/xml is not JSON", "application/xml; charset=utf-8", GOOD_CREATE, 415, MEDIA, null),
                create("multipart form is not JSON", "multipart/form-data; boundary=x", GOOD_CREATE, 415, MEDIA, null),
                create("text/json is not a JSON type slb reads", "text/json", GOOD_CREATE, 415, MEDIA, null),
                create("application/+json has no subtype", "application/+json", GOOD_CREATE, 415, MEDIA, null),
                // Body as a whole
                create("empty body", "", MALFORMED, null),
                create("whitespace-only body", " \n\t ", MALFORMED, null),
                create("array body", "[{\"name\":\"lb\",\"port\":80}]", MALFORMED, null),
                create("number body", "42", MALFORMED, null),
                create("string body", "\"lb\"", MALFORMED, null),
                create("null body", "null", MALFORMED, null),
                create("trailing comma", "{\"name\":\"lb\",\"port\":80,}", MALFORMED, null),
                create("truncated object", "{\"name\":\"lb\"", MALFORMED, null),
                create("second object after the first", GOOD_CREATE + " {}", MALFORMED, null),
                create("single-quoted JSON", "{'name':'lb','port':80}", MALFORMED, null),
                create("repeated key names the key", "{\"name\":\"lb\",\"port\":80,\"port\":81}", MALFORMED, "port"),
                create("form-encoded pairs sent by curl -d", FORM, "name=lb&port=80", 400, MALFORMED, null),
                named("invalid UTF-8", new Bad(Target.CREATE, JSON,
                        new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, '(', '"', '}'},
                        400, MALFORMED, null)),
                // Create: field set
                create("typo in a field name", "{\"nmae\":\"lb\",\"port\":80}", INVALID, "nmae"),
                create("uuid is assigned by the server", "{\"uuid\":\"x\",\"name\":\"lb\",\"port\":80}", INVALID, "uuid"),
                create("backends are added one by one", "{\"name\":\"lb\",\"port\":80,\"backends\":[]}", INVALID, "backends"),
                // Create: name
                create("name missing", "{\"port\":80}", INVALID, "name"),
                create("name null", "{\"name\":null,\"port\":80}", INVALID, "name"),
                create("name empty", "{\"name\":\"\",\"port\":80}", INVALID, "name"),
                create("name a number", "{\"name\":42,\"port\":80}", INVALID, "name"),
                create("name of 254 characters", "{\"name\":\"" + "n".repeat(254) + "\",\"port\":80}", INVALID, "name"),
                create("name with a bell character", "{\"name\":\"a\\u0007b\",\"port\":80}", INVALID, "name"),
                create("name with a newline", "{\"name\":\"a\\nb\",\"port\":80}", INVALID, "name"),
                create("name with an unpaired surrogate", "{\"name\":\"a\\ud800\",\"port\":80}", INVALID, "name"),
                // Create: port
                create("port missing", "{\"name\":\"lb\"}", INVALID, "port"),
                create("port null", "{\"name\":\"lb\",\"port\":null}", INVALID, "port"),
                create("port a string", "{\"name\":\"lb\",\"port\":\"6443\"}", INVALID, "port"),
                create("port a fraction", "{\"name\":\"lb\",\"port\":80.5}", INVALID, "port"),
                create("port written as a float", "{\"name\":\"lb\",\"port\":80.0}", INVALID, "port"),
                create("port in exponent form", "{\"name\":\"lb\",\"port\":8e1}", INVALID, "port"),
                create("port a boolean", "{\"name\":\"lb\",\"port\":true}", INVALID, "port"),
                create("port zero", "{\"name\":\"lb\",\"port\":0}", INVALID, "port"),
                create("port negative", "{\"name\":\"lb\",\"port\":-1}", INVALID, "port"),
                create("port 65536", "{\"name\":\"lb\",\"port\":65536}", INVALID, "port"),
                create("port beyond long", "{\"name\":\"lb\",\"port\":99999999999999999999}", INVALID, "port"),
                // Create: protocol, scheduler, eip
                create("protocol sctp", "{\"name\":\"lb\",\"port\":80,\"protocol\":\"sctp\"}", INVALID, "protocol"),
                create("protocol a number", "{\"name\":\"lb\",\"port\":80,\"protocol\":6}", INVALID, "protocol"),
                create("scheduler unknown", "{\"name\":\"lb\",\"port\":80,\"scheduler\":\"roundrobin\"}", INVALID, "scheduler"),
                create("eip not an address", "{\"name\":\"lb\",\"port\":80,\"eip\":\"nope\"}", INVALID, "eip"),
                create("eip a host name (no DNS)", "{\"name\":\"lb\",\"port\":80,\"eip\":\"localhost\"}", INVALID, "eip"),
                create("eip with a leading zero", "{\"name\":\"lb\",\"port\":80,\"eip\":\"010.0.0.1\"}", INVALID, "eip"),
                create("eip unspecified v4", "{\"name\":\"lb\",\"port\":80,\"eip\":\"0.0.0.0\"}", INVALID, "eip"),
                create("eip unspecified v6", "{\"name\":\"lb\",\"port\":80,\"eip\":\"::\"}", INVALID, "eip"),
                create("eip multicast v4", "{\"name\":\"lb\",\"port\":80,\"eip\":\"224.0.0.1\"}", INVALID, "eip"),
                create("eip multicast v6", "{\"name\":\"lb\",\"port\":80,\"eip\":\"ff02::1\"}", INVALID, "eip"),
                create("eip broadcast", "{\"name\":\"lb\",\"port\":80,\"eip\":\"255.255.255.255\"}", INVALID, "eip"),
                create("eip a number", "{\"name\":\"lb\",\"port\":80,\"eip\":167772161}", INVALID, "eip"),
                // Backend
                backend("backend body an array", "[]", MALFORMED, null),
                backend("backend ip missing", "{\"port\":80}", INVALID, "ip"),
                backend("backend ip octet 256", "{\"ip\":\"10.80.96.256\",\"port\":80}", INVALID, "ip"),
                backend("backend ip with a port", "{\"ip\":\"10.80.96.25:80\",\"port\":80}", INVALID, "ip"),
                backend("backend ip unspecified", "{\"ip\":\"0.0.0.0\",\"port\":80}", INVALID, "ip"),
                backend("backend ip multicast", "{\"ip\":\"239.1.1.1\",\"port\":80}", INVALID, "ip"),
                backend("backend ip broadcast", "{\"ip\":\"255.255.255.255\",\"port\":80}", INVALID, "ip"),
                backend("backend port missing", "{\"ip\":\"10.0.0.1\"}", INVALID, "port"),
                backend("backend port 65536", "{\"ip\":\"10.0.0.1\",\"port\":65536}", INVALID, "port"),
                backend("backend weight negative", "{\"ip\":\"10.0.0.1\",\"port\":80,\"weight\":-1}", INVALID, "weight"),
                backend("backend weight 65536", "{\"ip\":\"10.0.0.1\",\"port\":80,\"weight\":65536}", INVALID, "weight"),
                backend("backend weight a string", "{\"ip\":\"10.0.0.1\",\"port\":80,\"weight\":\"1\"}", INVALID, "weight"),
                backend("backend type nat", "{\"ip\":\"10.0.0.1\",\"port\":80,\"type\":\"nat\"}", INVALID, "type"),
                backend("backend type a number", "{\"ip\":\"10.0.0.1\",\"port\":80,\"type\":0}", INVALID, "type"),
                backend("backend uuid is assigned by the server", "{\"uuid\":\"x\",\"ip\":\"10.0.0.1\",\"port\":80}",
                        INVALID, "uuid"),
                backend("backend unknown field", "{\"address\":\"10.0.0.1\",\"port\":80}", INVALID, "address"),
                named("backend sent as text/html", new Bad(Target.BACKEND, "text/html", utf8("{}"), 415, MEDIA, null)),
                // Path parameters
                uuid("uuid not hex", Target.UUID, "abc", "uuid"),
                uuid("uuid empty", Target.UUID, "", "uuid"),
                uuid("uuid in UUID.fromString's short form", Target.UUID, "1-1-1-1-1", "uuid"),
                uuid("uuid in braces", Target.UUID, "{087fcb0f-8e07-4123-a32f-e8e83a281023}", "uuid"),
                uuid("uuid one digit too long", Target.UUID, "087fcb0f-8e07-4123-a32f-e8e83a2810231", "uuid"),
                uuid("backend uuid without dashes", Target.BACKEND_UUID, "779344ce72ca4aeca1c0d9c5c4d72419", "backenduuid"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void rejectsWithA4xxProblemNamingTheField(Bad bad) throws IOException {
        Parsed<?> parsed = parse(bad);

        assertThat(parsed).isInstanceOf(Parsed.Invalid.class);
        Problem problem = ((Parsed.Invalid<?>) parsed).problem();
        assertThat(problem.status()).isEqualTo(bad.status()).isBetween(400, 499);
        assertThat(problem.slug()).isEqualTo(bad.slug());
        assertThat(problem.field()).isEqualTo(bad.field());
        if (bad.field() != null && bad.slug().equals(INVALID)) {
            assertThat(problem.detail()).startsWith(bad.field() + ": ")
                    .containsAnyOf("(expected: ", ": not accepted (");
        }
        JsonNode rendered = new ObjectMapper().readTree(json.problem(problem));
        assertThat(rendered.get("status").asInt()).isEqualTo(bad.status());
        assertThat(rendered.get("detail").asText()).isEqualTo(problem.detail());
    }

    private Parsed<?> parse(Bad bad) {
        return switch (bad.target()) {
            case CREATE -> parser.createLoadBalancer(bad.contentType(), bad.body());
            case BACKEND -> parser.addBackend(bad.contentType(), bad.body());
            case UUID -> parser.uuid("uuid", new String(bad.body(), StandardCharsets.UTF_8));
            case BACKEND_UUID -> parser.uuid("backenduuid", new String(bad.body(), StandardCharsets.UTF_8));
        };
    }

    private static Named<Bad> create(String name, String body, String slug, @Nullable String field) {
        return create(name, JSON, body, 400, slug, field);
    }

    private static Named<Bad> create(String name, String contentType, String body, int status, String slug,
                                     @Nullable String field) {
        return named(name, new Bad(Target.CREATE, contentType, utf8(body), status, slug, field));
    }

    private static Named<Bad> backend(String name, String body, String slug, @Nullable String field) {
        return named(name, new Bad(Target.BACKEND, null, utf8(body), 400, slug, field));
    }

    private static Named<Bad> uuid(String name, Target target, String text, String field) {
        return named(name, new Bad(target, null, utf8(text), 400, INVALID, field));
    }

    private static Named<Bad> named(String name, Bad bad) {
        return Named.of(name, bad);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
