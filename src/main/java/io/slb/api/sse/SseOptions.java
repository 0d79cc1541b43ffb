package io.slb.api.sse;

import java.time.Duration;

/**
 * SseOptions bounds the event stream: at most {@code maxClients} concurrent {@code GET /events} clients,
 * {@code clientBuffer} undelivered events per subscriber before it is dropped as too slow,
 * {@code historyLimit} recent events kept in memory for {@code Last-Event-ID} resumption, and a heartbeat
 * comment every {@code heartbeat}.
 *
 * @throws IllegalArgumentException from the constructor if a bound is out of range
 */
public record SseOptions(int maxClients, int clientBuffer, int historyLimit, Duration heartbeat) {
    private static final int DEFAULT_MAX_CLIENTS = 256;
    private static final int DEFAULT_CLIENT_BUFFER = 1024;
    private static final int DEFAULT_HISTORY_LIMIT = 10_000;
    /**
     * The WHATWG HTML standard (server-sent events, "Authoring notes") advises a comment line "every 15
     * seconds or so" to keep legacy proxies from dropping idle connections.
     */
    private static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

    /** The defaults: 256 clients, 1024 buffered events per client, 10 000 events of history, 15 s heartbeat. */
    public static final SseOptions DEFAULTS =
            new SseOptions(DEFAULT_MAX_CLIENTS, DEFAULT_CLIENT_BUFFER, DEFAULT_HISTORY_LIMIT, DEFAULT_HEARTBEAT);

    public SseOptions {
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients: " + maxClients + " (expected: >= 1)");
        }
        if (clientBuffer < 1) {
            throw new IllegalArgumentException("clientBuffer: " + clientBuffer + " (expected: >= 1)");
        }
        if (historyLimit < 0) {
            throw new IllegalArgumentException("historyLimit: " + historyLimit + " (expected: >= 0)");
        }
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat: " + heartbeat + " (expected: > 0)");
        }
    }
}
