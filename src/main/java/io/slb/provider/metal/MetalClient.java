package io.slb.provider.metal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.slb.server.Version;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;

/**
 * MetalClient calls the Equinix Metal API (anchors §6.2) with the project's token in
 * {@code X-Auth-Token}. Every call has a timeout and is logged at debug with its latency. Reads and
 * deletes are retried with jittered exponential backoff on transport errors, timeouts, 429 (waiting
 * for {@code X-RateLimit-Reset} when the answer gives it) and 5xx; 401, 403, 404 and 422 are not
 * retried and fail with a {@link MetalApiException} carrying the API's own text. Creating a
 * reservation is never retried here: a 500 may come after the reservation was made, so the caller
 * retries its whole look-up-then-create ({@link #retry()}). Thread safe; cold Monos.
 */
public final class MetalClient implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger();
    /** The OAS maximum page size for reservations (the default, 250) and the largest for devices (100). */
    private static final int RESERVATIONS_PER_PAGE = 250;
    private static final int DEVICES_PER_PAGE = 100;
    /** Bounds how many pages a listing follows, so a server that always says "next" cannot loop us. */
    private static final int MAX_PAGES = 1000;
    private static final double JITTER = 0.5;
    private static final int ERROR_TEXT_LIMIT = 500;

    private final MetalOptions options;
    private final Clock clock;
    private final Scheduler timer;
    private final ConnectionProvider connections;
    private final HttpClient http;
    private final ObjectMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * @param clock reads the time for {@code X-RateLimit-Reset}
     * @param timer drives timeouts and retry delays
     */
    public MetalClient(MetalOptions options, Clock clock, Scheduler timer) {
        this.options = options;
        this.clock = clock;
        this.timer = timer;
        this.connections = ConnectionProvider.create("slb-metal");
        this.http = HttpClient.create(connections)
                .responseTimeout(options.callTimeout())
                .headers(h -> h.set("X-Auth-Token", options.token())
                        .set(HttpHeaderNames.ACCEPT, "application/json")
                        .set(HttpHeaderNames.USER_AGENT, "slb/" + Version.current()));
    }

    public MetalOptions options() {
        return options;
    }

    /** Lists the project's {@code public_ipv4} reservations (OAS {@code findIPReservations}, query {@code types}). */
    public Mono<List<IpReservation>> reservations() {
        return list("/projects/" + encode(options.project()) + "/ips?types=public_ipv4&per_page=" + RESERVATIONS_PER_PAGE,
                "ip_addresses", IpReservation.class);
    }

    /**
     * Requests one public IPv4 address in the configured facility or metro, failing with 422 rather
     * than waiting for approval (OAS {@code requestIPReservation}). Not retried: see the class comment.
     */
    public Mono<IpReservation> requestReservation(List<String> tags, String details) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", "public_ipv4");
        body.put("quantity", 1);
        if (options.metro() != null) {
            body.put("metro", options.metro());
        }
        if (options.facility() != null) {
            body.put("facility", options.facility());
        }
        body.put("fail_on_approval_required", true);
        body.put("tags", tags);
        body.put("details", details);
        return exchange(HttpMethod.POST, "/projects/" + encode(options.project()) + "/ips", body)
                .map(tree -> read(tree, IpReservation.class));
    }

    /** Deletes reservation {@code id} (OAS {@code deleteIPAddress}); emits false if it was already gone (404). */
    public Mono<Boolean> deleteReservation(String id) {
        return exchange(HttpMethod.DELETE, "/ips/" + encode(id), null)
                .thenReturn(true)
                .onErrorResume(e -> e instanceof MetalApiException m && m.notFound(), e -> Mono.just(false))
                .retryWhen(retry());
    }

    /** Lists the project's devices, following {@code meta.next} (OAS {@code findProjectDevices}). */
    public Mono<List<Device>> devices() {
        return list("/projects/" + encode(options.project()) + "/devices?per_page=" + DEVICES_PER_PAGE, "devices", Device.class);
    }

    /** Reads the BGP neighbours of device {@code deviceId} (OAS {@code getBgpNeighborData}). */
    public Mono<List<BgpNeighbor>> bgpNeighbors(String deviceId) {
        return exchange(HttpMethod.GET, "/devices/" + encode(deviceId) + "/bgp/neighbors", null)
                .map(tree -> items(tree, "bgp_neighbors", BgpNeighbor.class))
                .retryWhen(retry());
    }

    /**
     * Returns the retry policy: transport errors, timeouts, 429 and 5xx, at most {@code retries}
     * times, with jittered exponential backoff, waiting for {@code X-RateLimit-Reset} (at most
     * {@code maxBackoff}) after a 429 that names it.
     */
    public Retry retry() {
        return Retry.from(signals -> signals.concatMap(signal -> {
            Throwable failure = signal.failure();
            if (!retryable(failure) || signal.totalRetries() >= options.retries()) {
                return Mono.error(failure);
            }
            Duration wait = delay(signal.totalRetries(), failure);
            LOG.debug("metal: retry {} in {} ms after {}", signal.totalRetries() + 1, wait.toMillis(), failure.toString());
            return Mono.delay(wait, timer);
        }));
    }

    private static boolean retryable(Throwable e) {
        return e instanceof MetalApiException m ? m.retryable() : e instanceof IOException || e instanceof TimeoutException;
    }

    private Duration delay(long attempt, Throwable failure) {
        long max = options.maxBackoff().toMillis();
        long exponential = Math.min(max, options.minBackoff().toMillis() << Math.min(attempt, Long.SIZE - 2));
        long jittered = (long) (exponential * (1 - JITTER * ThreadLocalRandom.current().nextDouble()));
        Instant reset = failure instanceof MetalApiException m ? m.rateLimitReset() : null;
        if (reset != null) {
            long untilReset = Duration.between(clock.instant(), reset).toMillis();
            return Duration.ofMillis(Math.min(max, Math.max(jittered, untilReset)));
        }
        return Duration.ofMillis(jittered);
    }

    private <T> Mono<List<T>> list(String firstPage, String field, Class<T> type) {
        return Mono.defer(() -> exchange(HttpMethod.GET, firstPage, null).retryWhen(retry()))
                .expand(page -> {
                    String next = page.path("meta").path("next").path("href").asText("");
                    return next.isEmpty() ? Mono.empty() : exchange(HttpMethod.GET, next, null).retryWhen(retry());
                })
                .take(MAX_PAGES)
                .concatMapIterable(page -> items(page, field, type))
                .collectList();
    }

    private <T> List<T> items(JsonNode tree, String field, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (JsonNode item : tree.path(field)) {
            out.add(read(item, type));
        }
        return out;
    }

    private <T> T read(JsonNode tree, Class<T> type) {
        try {
            return json.treeToValue(tree, type);
        } catch (IOException e) {
            throw new IllegalStateException("Equinix Metal API: unexpected " + type.getSimpleName() + " JSON: "
                    + e.getMessage(), e);
        }
    }

    /** One HTTP exchange: 2xx → the JSON body (an empty object when there is none), else a MetalApiException. */
    private Mono<JsonNode> exchange(HttpMethod method, String pathOrHref, @Nullable Object body) {
        URI uri = resolve(pathOrHref);
        String call = method + " " + uri.getRawPath();
        return Mono.defer(() -> {
            long began = System.nanoTime();
            HttpClient.RequestSender request = http.headers(h -> {
                if (body != null) {
                    h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                }
            }).request(method).uri(uri);
            Mono<byte[]> payload = body == null ? Mono.empty() : Mono.fromCallable(() -> json.writeValueAsBytes(body));
            return request.send((req, out) -> out.sendByteArray(payload))
                    .responseSingle((res, content) -> content.asByteArray().defaultIfEmpty(new byte[0])
                            .map(bytes -> answer(call, res.status().code(), bytes, res.responseHeaders().get("X-RateLimit-Reset"))))
                    .timeout(options.callTimeout(), timer)
                    .doOnSuccess(ok -> LOG.debug("metal: {} ok in {} ms", call, millisSince(began)))
                    .doOnError(e -> LOG.debug("metal: {} failed in {} ms: {}", call, millisSince(began), e.toString()));
        });
    }

    private JsonNode answer(String call, int status, byte[] bytes, @Nullable String reset) {
        if (status / 100 == 2) {
            try {
                return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
            } catch (IOException e) {
                throw new IllegalStateException("Equinix Metal API: " + call + " answered " + status + " with invalid JSON", e);
            }
        }
        throw new MetalApiException(status, errorText(status, bytes), call, resetInstant(reset));
    }

    /** Returns the API's error text: {@code error}, or the {@code errors} joined, or the body itself. */
    private String errorText(int status, byte[] bytes) {
        try {
            JsonNode tree = json.readTree(bytes);
            if (tree != null && tree.hasNonNull("error")) {
                return tree.get("error").asText();
            }
            if (tree != null && tree.path("errors").isArray() && !tree.path("errors").isEmpty()) {
                List<String> errors = new ArrayList<>();
                tree.path("errors").forEach(e -> errors.add(e.asText()));
                return String.join("; ", errors);
            }
        } catch (IOException e) {
            LOG.debug("metal: HTTP {} error body is not JSON", status, e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "HTTP " + status;
        }
        return text.length() > ERROR_TEXT_LIMIT ? text.substring(0, ERROR_TEXT_LIMIT) + "…" : text;
    }

    private static @Nullable Instant resetInstant(@Nullable String header) {
        if (header == null) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            LOG.debug("metal: ignoring X-RateLimit-Reset {} (expected: Unix seconds)", header);
            return null;
        }
    }

    /**
     * Resolves a path below the base URL, or a {@code meta.next} href: absolute, rooted at the
     * base's path ({@code /metal/v1/…}), or relative to the base.
     */
    URI resolve(String pathOrHref) {
        URI base = options.baseUrl();
        if (pathOrHref.startsWith("http://") || pathOrHref.startsWith("https://")) {
            return URI.create(pathOrHref);
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        String origin = base.getScheme() + "://" + base.getRawAuthority();
        if (!basePath.isEmpty() && pathOrHref.startsWith(basePath + "/")) {
            return URI.create(origin + pathOrHref);
        }
        return URI.create(origin + basePath + pathOrHref);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static long millisSince(long began) {
        return (System.nanoTime() - began) / 1_000_000;
    }

    /** Closes the connection pool. */
    @Override
    public void close() {
        connections.dispose();
    }

    /** Device is the part of a Metal device slb reads. */
    record Device(String id, @Nullable String hostname) {}

    /** BgpNeighbor is one entry of {@code bgp_neighbors} (OAS {@code BgpNeighborData}). */
    record BgpNeighbor(int addressFamily, long customerAs, @Nullable String customerIp, boolean md5Enabled,
                       @Nullable String md5Password, boolean multihop, long peerAs, @Nullable List<String> peerIps) {}
}
