package io.slb.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Problem is an RFC 9457 problem detail: an HTTP {@code status}, a stable {@code type} URI
 * ({@code urn:slb:problem:<slug>}, listed in {@link Problems}), a short {@code title} that depends only
 * on the type, a {@code detail} for people, and the request {@code field} at fault (null when no single
 * field is). Build them with {@link Problems}; render them with {@link ApiJson#problem}.
 */
public record Problem(int status, String type, String title, String detail, @Nullable String field) {
    /** The prefix of every slb problem type. */
    public static final String TYPE_PREFIX = "urn:slb:problem:";

    private static final int MIN_ERROR_STATUS = 400;
    private static final int MAX_STATUS = 599;

    /**
     * Problem checks its arguments.
     *
     * @throws IllegalArgumentException if {@code status} is not 400..599
     */
    public Problem {
        if (status < MIN_ERROR_STATUS || status > MAX_STATUS) {
            throw new IllegalArgumentException(
                    "status: " + status + " (expected: " + MIN_ERROR_STATUS + ".." + MAX_STATUS + ")");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
    }

    /** Returns the type's slug: {@code not-found} for {@code urn:slb:problem:not-found}. */
    public String slug() {
        return type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
    }
}
