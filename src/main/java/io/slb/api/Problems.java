package io.slb.api;

import io.slb.core.Rejection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Problems builds every {@link Problem} slb replies with. Types are {@code urn:slb:problem:<slug>}; the
 * slugs are stable API (clients may switch on them) and each has one status and title:
 *
 * <table>
 *   <caption>Problem types</caption>
 *   <tr><th>slug</th><th>status</th><th>when</th></tr>
 *   <tr><td>malformed-body</td><td>400</td><td>the body is empty, not JSON, not one JSON object, or repeats a key</td></tr>
 *   <tr><td>invalid-field</td><td>400</td><td>a body field or path parameter is missing, unknown or out of range</td></tr>
 *   <tr><td>unprocessable</td><td>422</td><td>every field is valid alone but the server cannot use the request,
 *       e.g. an {@code eip} outside every {@code --ipamRange} ({@link Rejection.Kind#INVALID})</td></tr>
 *   <tr><td>unauthorized</td><td>401</td><td>missing or wrong credentials</td></tr>
 *   <tr><td>not-found</td><td>404</td><td>no such route, load balancer or backend</td></tr>
 *   <tr><td>method-not-allowed</td><td>405</td><td>the route exists, the method does not</td></tr>
 *   <tr><td>conflict</td><td>409</td><td>the request clashes with the state: duplicate backend, address in use</td></tr>
 *   <tr><td>addresses-exhausted</td><td>409</td><td>every pool address is in use ({@link Rejection.Kind#EXHAUSTED})</td></tr>
 *   <tr><td>payload-too-large</td><td>413</td><td>the body exceeds the server's limit</td></tr>
 *   <tr><td>unsupported-media-type</td><td>415</td><td>a Content-Type that is not JSON</td></tr>
 *   <tr><td>too-many-clients</td><td>429</td><td>too many concurrent clients, e.g. SSE subscribers</td></tr>
 *   <tr><td>internal</td><td>500</td><td>a bug or an unexpected failure</td></tr>
 *   <tr><td>overloaded</td><td>503</td><td>the server sheds load; retry later</td></tr>
 * </table>
 *
 * <p>Two choices: {@code INVALID} maps to 422, not 400, so a client can tell "fix your JSON" from "this
 * value is fine but not usable here". {@code EXHAUSTED} maps to 409, not 503: the pool is state the
 * client can change (delete a load balancer) and no retry by itself will help, and a 5xx would page
 * the operator for a client-side condition. Static factories of immutable values; thread safe.
 */
public final class Problems {
    private static final String SEPARATOR = ", ";

    private Problems() {}

    /** Type is one problem type: its slug, status and title. */
    enum Type {
        MALFORMED_BODY("malformed-body", 400, "Malformed request body"),
        INVALID_FIELD("invalid-field", 400, "Invalid field"),
        UNAUTHORIZED("unauthorized", 401, "Unauthorized"),
        NOT_FOUND("not-found", 404, "Not found"),
        METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
        CONFLICT("conflict", 409, "Conflict"),
        ADDRESSES_EXHAUSTED("addresses-exhausted", 409, "Address pool exhausted"),
        PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large"),
        UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
        UNPROCESSABLE("unprocessable", 422, "Unprocessable request"),
        TOO_MANY_CLIENTS("too-many-clients", 429, "Too many clients"),
        INTERNAL("internal", 500, "Internal error"),
        OVERLOADED("overloaded", 503, "Overloaded");

        final String slug;
        final int status;
        final String title;

        Type(String slug, int status, String title) {
            this.slug = slug;
            this.status = status;
            this.title = title;
        }

        Problem problem(@Nullable String field, String detail) {
            return new Problem(status, Problem.TYPE_PREFIX + slug, title, detail, field);
        }
    }

    /** Returns the problem for a decider's rejection, keeping its field and detail. */
    public static Problem fromRejection(Rejection rejection) {
        Type type = switch (rejection.kind()) {
            case NOT_FOUND -> Type.NOT_FOUND;
            case CONFLICT -> Type.CONFLICT;
            case INVALID -> Type.UNPROCESSABLE;
            case EXHAUSTED -> Type.ADDRESSES_EXHAUSTED;
        };
        return type.problem(rejection.field(), rejection.detail());
    }

    /** Returns a 400 {@code invalid-field} problem: {@code field} (a body field or path parameter) is wrong. */
    public static Problem badRequest(String field, String detail) {
        return Type.INVALID_FIELD.problem(field, detail);
    }

    /** Returns a 400 {@code malformed-body} problem; {@code field} is set only for a repeated key. */
    public static Problem malformedBody(@Nullable String field, String detail) {
        return Type.MALFORMED_BODY.problem(field, detail);
    }

    /** Returns a 404 {@code not-found} problem. */
    public static Problem notFound(String detail) {
        return Type.NOT_FOUND.problem(null, detail);
    }

    /**
     * Returns a 405 {@code method-not-allowed} problem such as {@code method: PUT (expected: one of GET, DELETE)};
     * the caller also sends {@code Allow}.
     */
    public static Problem methodNotAllowed(String method, List<String> allowed) {
        return Type.METHOD_NOT_ALLOWED.problem(null,
                "method: " + Echo.clean(method) + " (expected: one of " + String.join(SEPARATOR, allowed) + ")");
    }

    /** Returns a 415 {@code unsupported-media-type} problem naming {@code contentType}. */
    public static Problem unsupportedMediaType(String contentType) {
        return Type.UNSUPPORTED_MEDIA_TYPE.problem(null, "Content-Type: " + Echo.quoted(contentType)
                + " (expected: " + String.join(SEPARATOR, RequestParser.ACCEPTED_MEDIA_TYPES) + ")");
    }

    /** Returns a 413 {@code payload-too-large} problem for a body over {@code limitBytes}. */
    public static Problem payloadTooLarge(long limitBytes) {
        return Type.PAYLOAD_TOO_LARGE.problem(null,
                "body: more than " + limitBytes + " bytes (expected: at most " + limitBytes + ")");
    }

    /** Returns a 401 {@code unauthorized} problem; the caller also sends {@code WWW-Authenticate}. */
    public static Problem unauthorized(String detail) {
        return Type.UNAUTHORIZED.problem(null, detail);
    }

    /** Returns a 503 {@code overloaded} problem; the caller also sends {@code Retry-After}. */
    public static Problem overloaded(String detail) {
        return Type.OVERLOADED.problem(null, detail);
    }

    /** Returns a 429 {@code too-many-clients} problem. */
    public static Problem tooManyClients(String detail) {
        return Type.TOO_MANY_CLIENTS.problem(null, detail);
    }

    /** Returns a 500 {@code internal} problem; {@code detail} must not leak secrets or stack traces. */
    public static Problem internal(String detail) {
        return Type.INTERNAL.problem(null, detail);
    }
}
