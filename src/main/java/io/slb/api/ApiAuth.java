package io.slb.api;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRequest;

/**
 * ApiAuth decides who may call the API. With a token configured ({@code --apiToken} or
 * {@code SLB_API_TOKEN}) every request must carry {@code Authorization: Bearer <token>}, compared in
 * constant time. Without one, only loopback clients are served, so a fresh install is never open to
 * the network by accident. Immutable and thread safe.
 */
public final class ApiAuth {
    private static final String BEARER = "bearer ";
    private final byte @Nullable [] tokenDigest;

    /** Creates the policy; a null or blank token means loopback-only. */
    public ApiAuth(@Nullable String token) {
        this.tokenDigest = token == null || token.isBlank() ? null : sha256(token);
    }

    /** Returns true if a token is configured. */
    public boolean tokenRequired() {
        return tokenDigest != null;
    }

    /** Returns null if {@code req} may proceed, or the 401 problem to answer with. */
    public @Nullable Problem check(HttpServerRequest req) {
        if (tokenDigest == null) {
            InetSocketAddress remote = req.remoteAddress();
            if (remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress()) {
                return null;
            }
            return Problems.unauthorized("slb serves only loopback clients until an API token is set: start it with"
                    + " --apiToken <token> (or SLB_API_TOKEN) and send 'Authorization: Bearer <token>'");
        }
        String header = req.requestHeaders().get("Authorization");
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Problems.unauthorized("missing 'Authorization: Bearer <token>' header");
        }
        byte[] given = sha256(header.substring(BEARER.length()).trim());
        // NB: both sides are SHA-256 digests, so the comparison time depends on neither token's length.
        if (!MessageDigest.isEqual(given, tokenDigest)) {
            return Problems.unauthorized("the bearer token does not match --apiToken");
        }
        return null;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }
}
