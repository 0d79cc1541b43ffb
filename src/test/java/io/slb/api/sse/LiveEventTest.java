package io.slb.api.sse;

import static io.slb.api.sse.TestEvents.changes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.slb.api.sse.SseRecorder.Frame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

class LiveEventTest {
    private static final SseOptions OPTIONS = new SseOptions(4, 256, 100, Duration.ofSeconds(30));
    private static final String PEER_UP = "{\"address\":\"10.99.0.2\",\"state\":\"ESTABLISHED\"}";

    private final Sinks.Many<LiveEvent> live = Sinks.many().multicast().directBestEffort();
    private final SseTestServer server = new SseTestServer(OPTIONS, List.of(), live.asFlux());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void liveEventsReachEveryOpenStreamBetweenChangesWithoutAnId() {
        try (SseRecorder first = server.open("/events", Map.of());
             SseRecorder second = server.open("/events", Map.of())) {
            first.awaitOpen();
            second.awaitOpen();
            server.bus.publish(changes(1, 2));
            first.awaitId(2);
            second.awaitId(2);
            live.tryEmitNext(new LiveEvent("bgp.peer", PEER_UP));
            server.bus.publish(changes(3, 3));
            first.awaitId(3);
            second.awaitId(3);

            for (SseRecorder client : List.of(first, second)) {
                List<Frame> events = client.frames().stream().filter(f -> f.event() != null).toList();
                assertThat(events).extracting(Frame::event)
                        .containsExactly("StatusChanged", "StatusChanged", "bgp.peer", "StatusChanged");
                assertThat(events.get(2).id()).isNull();
                assertThat(events.get(2).data()).isEqualTo(PEER_UP);
                assertThat(client.ids()).containsExactly(1L, 2L, 3L);
            }
        }
    }

    @Test
    void liveEventsAreNotReplayedToAResumingClient() {
        try (SseRecorder first = server.open("/events", Map.of())) {
            first.awaitOpen();
            server.bus.publish(changes(1, 1));
            first.awaitId(1);
        }
        await().atMost(SseTestServer.TIMEOUT).until(() -> server.route.clients() == 0);
        live.tryEmitNext(new LiveEvent("bgp.peer", PEER_UP));
        server.bus.publish(changes(2, 2));

        try (SseRecorder resumed = server.open("/events", Map.of("Last-Event-ID", "1"))) {
            resumed.awaitId(2);
            assertThat(resumed.frames()).extracting(Frame::event).doesNotContain("bgp.peer");
        }
    }

    @Test
    void theWireFormHasEventAndDataLinesOnly() {
        assertThat(new LiveEvent("bgp.peer", PEER_UP).encode()).isEqualTo("event: bgp.peer\ndata: " + PEER_UP + "\n\n");
    }

    @Test
    void aTypeSpanningLinesIsRefused() {
        assertThatThrownBy(() -> new LiveEvent("bgp\npeer", "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event: \"bgp\\npeer\" (expected: no CR, LF or NUL)");
    }
}
