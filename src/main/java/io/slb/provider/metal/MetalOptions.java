package io.slb.provider.metal;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * MetalOptions is how slb talks to the Metal API: the base URL, the token (sent as
 * {@code X-Auth-Token}), the project and where reservations are made ({@code facility} or
 * {@code metro}, at least one), the device whose BGP neighbours to read (null: the device whose
 * hostname is {@code hostname}), and the timeout and retry policy of every call.
 *
 * @param callTimeout  bound on one HTTP exchange
 * @param retries      how often a transport error, 429 or 5xx is retried
 * @param minBackoff   first retry delay (doubled per retry, jittered)
 * @param maxBackoff   longest retry delay, and longest wait for {@code X-RateLimit-Reset}
 */
public record MetalOptions(
        URI baseUrl,
        String token,
        String project,
        @Nullable String facility,
        @Nullable String metro,
        @Nullable String deviceId,
        String hostname,
        Duration callTimeout,
        int retries,
        Duration minBackoff,
        Duration maxBackoff) {

    /** The documented API base (anchors §6.2). */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.equinix.com/metal/v1");
    /** 5 s per call and 4 retries from 100 ms to 2 s fit the reconciler's 10 s stage timeout most of the time. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_RETRIES = 4;
    public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(2);

    public MetalOptions {
        if (token.isBlank()) {
            throw new IllegalArgumentException("token: blank (expected: an Equinix Metal API token in PACKET_AUTH_TOKEN)");
        }
        if (project.isBlank()) {
            throw new IllegalArgumentException("project: blank (expected: an Equinix Metal project id, --project)");
        }
        if (facility == null && metro == null) {
            throw new IllegalArgumentException("facility and metro: both missing (expected: --facility or --metro)");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries: " + retries + " (expected: >= 0)");
        }
    }

    /** Returns options with the default timeout and retry policy. */
    public static MetalOptions of(URI baseUrl, String token, String project, @Nullable String facility,
                                  @Nullable String metro, @Nullable String deviceId, String hostname) {
        return new MetalOptions(baseUrl, token, project, facility, metro, deviceId, hostname, DEFAULT_CALL_TIMEOUT,
                DEFAULT_RETRIES, DEFAULT_MIN_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    /** Returns the token as logs may show it: never the secret itself. */
    @Override
    public String toString() {
        return "MetalOptions[baseUrl=" + baseUrl + ", project=" + project + ", facility=" + facility + ", metro=" + metro
                + ", deviceId=" + deviceId + ", hostname=" + hostname + "]";
    }
}
