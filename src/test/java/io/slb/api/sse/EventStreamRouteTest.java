package io.slb.api.sse;

import static io.slb.api.sse.TestEvents.changes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.slb.api.sse.SseRecorder.Frame;
import io.slb.api.sse.SseTestServer.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventStreamRouteTest {
    private static final SseOptions OPTIONS = new SseOptions(4, 256, 100, Duration.ofSeconds(30));

    private SseTestServer server = new SseTestServer(OPTIONS);

    @AfterEach
    void stop() {
        server.close();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void streamsChangesInOrderWithPositionAsIdAndEventType() {
        try (SseRecorder client = server.open("/events", Map.of())) {
            client.awaitOpen();
            server.bus.publish(changes(1, 3));
            server.bus.publish(changes(4, 5));
            client.awaitId(5);

            assertThat(client.ids()).isEqualTo(range(1, 5));
            Frame opening = client.frames().get(0);
            assertThat(opening.retry()).isEqualTo("2000");
            assertThat(opening.comments()).containsExactly("stream open");
            Frame first = client.frames().get(1);
            assertThat(first.event()).isEqualTo("StatusChanged");
            assertThat(first.data()).isEqualTo(SseTestServer.json(TestEvents.change(1)));
            assertThat(client.headers().get("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
            assertThat(client.headers().get("Cache-Control")).isEqualTo("no-cache");
            assertThat(client.headers().get("X-Accel-Buffering")).isEqualTo("no");
        }
    }

    static List<Arguments> resumeStyles() {
        Function<Long, Map<String, String>> header = id -> Map.of("Last-Event-ID", Long.toString(id));
        Function<Long, Map<String, String>> noHeader = id -> Map.of();
        return List.of(
                Arguments.of(Named.of("Last-Event-ID header", header), (Function<Long, String>) id -> "/events"),
                Arguments.of(Named.of("lastEventId query parameter", noHeader),
                        (Function<Long, String>) id -> "/events?lastEventId=" + id));
    }

    @ParameterizedTest
    @MethodSource("resumeStyles")
    void reconnectWithLastEventIdMissesNothing(Function<Long, Map<String, String>> headers,
                                               Function<Long, String> uri) {
        long lastSeen;
        try (SseRecorder first = server.open("/events", Map.of())) {
            first.awaitOpen();
            server.bus.publish(changes(1, 3));
            first.awaitId(3);
            lastSeen = first.lastId();
        }
        await().atMost(SseTestServer.TIMEOUT).until(() -> server.route.clients() == 0);
        server.bus.publish(changes(4, 6));
        try (SseRecorder second = server.open(uri.apply(lastSeen), headers.apply(lastSeen))) {
            second.awaitOpen();
            server.bus.publish(changes(7, 8));
            second.awaitId(8);
            assertThat(second.ids()).isEqualTo(range(4, 8));
        }
    }

    @Test
    void resumingFromAnEvictedIdSendsResyncFirst() {
        server.close();
        server = new SseTestServer(new SseOptions(4, 256, 2, Duration.ofSeconds(30)), changes(1, 10));
        try (SseRecorder client = server.open("/events", Map.of("Last-Event-ID", "3"))) {
            client.awaitId(10);
            Frame resync = client.frames().get(1);
            assertThat(resync.event()).isEqualTo("resync");
            assertThat(resync.id()).isNull();
            assertThat(resync.data()).isEqualTo(
                    "{\"lastSeen\":3,\"oldestRetained\":9,\"hint\":\"GET /loadbalancers for the full state\"}");
            assertThat(client.ids()).isEqualTo(range(9, 10));
        }
    }

    @Test
    void sendsHeartbeatComments() {
        server.close();
        server = new SseTestServer(new SseOptions(4, 256, 100, Duration.ofMillis(100)));
        try (SseRecorder client = server.open("/events", Map.of())) {
            await().atMost(SseTestServer.TIMEOUT).until(() -> client.frames().stream()
                    .filter(frame -> frame.comments().contains("heartbeat"))
                    .count() >= 2);
        }
    }

    @Test
    void refusesClientsBeyondMaxClientsWith503AndFreesSlotsOnDisconnect() {
        server.close();
        server = new SseTestServer(new SseOptions(1, 256, 100, Duration.ofSeconds(30)));
        try (SseRecorder only = server.open("/events", Map.of())) {
            only.awaitOpen();
            assertThat(server.route.clients()).isEqualTo(1);

            Reply refused = server.get("/events", Map.of());

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers().get("Retry-After")).isEqualTo("5");
            assertThat(refused.headers().get("Content-Type")).isEqualTo("application/problem+json");
            assertThat(refused.body()).isEqualTo(SseTestServer.TOO_MANY_CLIENTS);
            assertThat(server.route.clients()).isEqualTo(1);
        }
        await().atMost(SseTestServer.TIMEOUT).until(() -> server.route.clients() == 0);
        try (SseRecorder next = server.open("/events", Map.of())) {
            next.awaitOpen();
        }
    }

    @Test
    void rejectsMalformedLastEventIdWith400Problem() {
        Reply reply = server.get("/events", Map.of("Last-Event-ID", "x"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.body()).isEqualTo("{\"type\":\"urn:slb:problem:bad-request\",\"title\":\"Bad Request\","
                + "\"status\":400,\"detail\":\"Last-Event-ID: 'x' (expected: a non-negative integer)\","
                + "\"field\":\"Last-Event-ID\"}");
        assertThat(server.get("/events?lastEventId=-1", Map.of()).body())
                .contains("\"detail\":\"lastEventId: '-1' (expected: a non-negative integer)\"");
        assertThat(server.get("/events", Map.of("Last-Event-ID", "99999999999999999999")).status())
                .isEqualTo(400);
        assertThat(server.get("/events", Map.of("Last-Event-ID", "a\"b")).body())
                .contains("'a\\\"b'");
        assertThat(server.route.clients()).isZero();
    }

    @Test
    void curlReceivesReplayedEvents() throws IOException, InterruptedException {
        server.bus.publish(changes(1, 3));
        Process curl = new ProcessBuilder("curl", "-N", "-s", "--max-time", "2",
                "-H", "Last-Event-ID: 1", "http://127.0.0.1:" + server.port() + "/events")
                .redirectErrorStream(true)
                .start();
        assertThat(curl.waitFor(SseTestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(output).startsWith("retry: 2000\n: stream open\n\n");
        assertThat(output).contains(
                "id: 2\nevent: StatusChanged\ndata: " + SseTestServer.json(TestEvents.change(2)) + "\n\n"
                        + "id: 3\nevent: StatusChanged\ndata: " + SseTestServer.json(TestEvents.change(3)) + "\n\n");
        assertThat(output).doesNotContain("id: 1\n");
    }
}
