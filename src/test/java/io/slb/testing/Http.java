package io.slb.testing;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/** Http is a small blocking wrapper over Reactor Netty's HttpClient for tests. */
public final class Http {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient client;

    public Http(String baseUrl) {
        this.client = HttpClient.create().baseUrl(baseUrl);
    }

    /** Response is a status, headers and the body as text. */
    public record Response(int status, HttpHeaders headers, String body) {
        public @Nullable String header(String name) {
            return headers.get(name);
        }
    }

    public Response get(String path) {
        return send(HttpMethod.GET, path, null, Map.of());
    }

    public Response delete(String path) {
        return send(HttpMethod.DELETE, path, null, Map.of());
    }

    public Response postJson(String path, String json) {
        return send(HttpMethod.POST, path, json, Map.of("Content-Type", "application/json"));
    }

    /** Sends any request; {@code body} null sends none. */
    public Response send(HttpMethod method, String path, @Nullable String body, Map<String, String> headers) {
        return Mono.defer(() -> client
                        .headers(h -> headers.forEach(h::set))
                        .request(method)
                        .uri(path)
                        .send(body == null ? ByteBufFlux.fromString(Mono.empty())
                                : ByteBufFlux.fromString(Mono.just(body), StandardCharsets.UTF_8, io.netty.buffer.ByteBufAllocator.DEFAULT))
                        .responseSingle((res, content) -> content.asString(StandardCharsets.UTF_8)
                                .defaultIfEmpty("")
                                .map(text -> new Response(res.status().code(), res.responseHeaders(), text))))
                .block(TIMEOUT);
    }
}
