package io.slb.api.sse;

import io.netty.handler.codec.http.HttpHeaders;
import io.slb.core.Event;
import io.slb.core.Recorded;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/** SseTestServer runs a real Reactor Netty server on 127.0.0.1, port 0, serving only {@code GET /events}. */
final class SseTestServer implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String TOO_MANY_CLIENTS = "{\"type\":\"urn:slb:problem:too-many-clients\",\"status\":503}";

    final EventBus bus;
    final EventStreamRoute route;
    private final DisposableServer server;

    SseTestServer(SseOptions options, List<Recorded> recovered, Flux<LiveEvent> liveEvents) {
        bus = new EventBus(options, recovered);
        route = new EventStreamRoute(bus, SseTestServer::json, SseTestServer::type, options,
                () -> TOO_MANY_CLIENTS.getBytes(StandardCharsets.UTF_8), liveEvents);
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.get("/events", route::handle))
                .bindNow(TIMEOUT);
    }

    SseTestServer(SseOptions options, List<Recorded> recovered) {
        this(options, recovered, Flux.empty());
    }

    SseTestServer(SseOptions options) {
        this(options, List.of());
    }

    /** The JSON the lead's renderer would produce, reduced to what tests check. */
    static String json(Recorded recorded) {
        String name = recorded.event() instanceof Event.LoadBalancerCreated created ? created.name() : "";
        return "{\"position\":" + recorded.position() + ",\"loadBalancer\":\"" + recorded.event().loadBalancer()
                + "\",\"name\":\"" + name + "\"}";
    }

    static String type(Event event) {
        return event.getClass().getSimpleName();
    }

    int port() {
        return server.port();
    }

    HttpClient client() {
        return HttpClient.create().baseUrl("http://127.0.0.1:" + port());
    }

    /** Opens a stream on {@code uri} with extra request headers; the recorder collects its frames. */
    SseRecorder open(String uri, Map<String, String> headers) {
        return new SseRecorder(client().headers(h -> headers.forEach(h::set)), uri);
    }

    /** Sends one GET and returns status, headers and body. */
    Reply get(String uri, Map<String, String> headers) {
        return client().headers(h -> headers.forEach(h::set))
                .get()
                .uri(uri)
                .responseSingle((response, body) -> body.asString()
                        .defaultIfEmpty("")
                        .map(text -> new Reply(response.status().code(), response.responseHeaders(), text)))
                .block(TIMEOUT);
    }

    @Override
    public void close() {
        server.disposeNow(TIMEOUT);
        bus.close();
    }

    record Reply(int status, HttpHeaders headers, String body) {}
}
