package io.slb.provider.metal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * MetalApiException is an HTTP error answer from the Metal API: the status, the API's own error
 * text ({@code {"error":"…"}} or {@code {"errors":["…"]}}), the call, and for 429 the
 * {@code X-RateLimit-Reset} instant if the answer gave one.
 */
public final class MetalApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The API's documented refusals (anchors §6.2): retrying cannot change them. */
    private static final int UNAUTHORIZED = 401;
    private static final int FORBIDDEN = 403;
    private static final int NOT_FOUND = 404;
    private static final int UNPROCESSABLE = 422;
    private static final int TOO_MANY_REQUESTS = 429;
    private static final int SERVER_ERRORS = 500;

    private final int status;
    private final String apiText;
    private final transient @Nullable Instant rateLimitReset;

    MetalApiException(int status, String apiText, String call, @Nullable Instant rateLimitReset) {
        super("Equinix Metal API: " + apiText + " (HTTP " + status + " from " + call + ")");
        this.status = status;
        this.apiText = apiText;
        this.rateLimitReset = rateLimitReset;
    }

    public int status() {
        return status;
    }

    /** Returns the API's own error text. */
    public String apiText() {
        return apiText;
    }

    @Nullable Instant rateLimitReset() {
        return rateLimitReset;
    }

    /** Returns whether retrying may help: 429 and 5xx. */
    public boolean retryable() {
        return status == TOO_MANY_REQUESTS || status >= SERVER_ERRORS;
    }

    /** Returns whether this is one of the refusals no retry can change: 401, 403, 404, 422. */
    public boolean permanent() {
        return status == UNAUTHORIZED || status == FORBIDDEN || status == NOT_FOUND || status == UNPROCESSABLE;
    }

    boolean notFound() {
        return status == NOT_FOUND;
    }
}
