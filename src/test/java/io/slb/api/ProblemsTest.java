package io.slb.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slb.core.Rejection;
import io.slb.core.Rejection.Kind;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Rejections and server conditions map to the documented status codes and stable type slugs. */
class ProblemsTest {
    @ParameterizedTest
    @CsvSource({"NOT_FOUND,404,not-found", "CONFLICT,409,conflict", "INVALID,422,unprocessable",
            "EXHAUSTED,409,addresses-exhausted"})
    void mapsEveryRejectionKindKeepingFieldAndDetail(Kind kind, int status, String slug) {
        Problem p = Problems.fromRejection(new Rejection(kind, "eip", "eip 10.0.0.1 is already in use"));

        assertThat(p.status()).isEqualTo(status);
        assertThat(p.slug()).isEqualTo(slug);
        assertThat(p.type()).isEqualTo("urn:slb:problem:" + slug);
        assertThat(p.field()).isEqualTo("eip");
        assertThat(p.detail()).isEqualTo("eip 10.0.0.1 is already in use");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyRejectionKindIsAClientError(Kind kind) {
        assertThat(Problems.fromRejection(new Rejection(kind, null, "x")).status()).isBetween(400, 499);
    }

    @Test
    void serverConditionsHaveTheirStatusAndSlug() {
        assertThat(List.of(
                Problems.notFound("no route GET /nope"),
                Problems.methodNotAllowed("PUT", List.of("GET", "DELETE")),
                Problems.unsupportedMediaType("text/plain"),
                Problems.payloadTooLarge(65536),
                Problems.unauthorized("missing bearer token"),
                Problems.overloaded("journal queue full"),
                Problems.tooManyClients("64 SSE clients connected"),
                Problems.internal("unexpected failure, see log id 42")))
                .extracting(p -> p.status() + " " + p.slug())
                .containsExactly("404 not-found", "405 method-not-allowed", "415 unsupported-media-type",
                        "413 payload-too-large", "401 unauthorized", "503 overloaded", "429 too-many-clients",
                        "500 internal");
    }

    @Test
    void detailsNameTheOffendingAndTheExpectedValue() {
        assertThat(Problems.methodNotAllowed("PUT", List.of("GET", "DELETE")).detail())
                .isEqualTo("method: PUT (expected: one of GET, DELETE)");
        assertThat(Problems.payloadTooLarge(65536).detail())
                .isEqualTo("body: more than 65536 bytes (expected: at most 65536)");
        assertThat(Problems.unsupportedMediaType("text/plain").detail()).startsWith("Content-Type: \"text/plain\" (expected: ")
                .contains("application/json");
    }

    @Test
    void slugsAreUniqueLowerCaseWordsNamedAfterTheirConstant() {
        assertThat(Problems.Type.values()).extracting(t -> t.slug).doesNotHaveDuplicates()
                .allMatch(slug -> slug.matches("[a-z]+(-[a-z]+)*"));
        assertThat(Arrays.stream(Problems.Type.values()).map(t -> t.problem(null, "d")))
                .allSatisfy(p -> assertThat(p.type()).isEqualTo(Problem.TYPE_PREFIX + p.slug()))
                .allSatisfy(p -> assertThat(Problems.Type.valueOf(enumName(p.slug())).status).isEqualTo(p.status()));
    }

    @Test
    void refusesANonErrorStatus() {
        assertThatThrownBy(() -> new Problem(200, "urn:slb:problem:ok", "OK", "fine", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("status: 200 (expected: 400..599)");
    }

    private static String enumName(String slug) {
        return slug.replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }
}
