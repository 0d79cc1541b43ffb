package io.slb.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.slb.core.Backend;
import io.slb.core.Command.AddBackend;
import io.slb.core.Command.CreateLoadBalancer;
import io.slb.core.ForwardMethod;
import io.slb.core.Protocol;
import io.slb.ipam.IpAddresses;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Good requests parse, with defaults applied and the seed's own curl bodies working unchanged. */
class RequestParserAcceptsTest {
    private static final String JSON = "application/json";
    private static final String CURL_D = "application/x-www-form-urlencoded";

    private final RequestParser parser = new RequestParser();

    @Test
    void seedCreateBodyParsesWithDefaults() {
        CreateLoadBalancerRequest r = create(JSON, "{\"name\":\"test loadbalancer\", \"port\": 6443}");

        assertThat(r).isEqualTo(new CreateLoadBalancerRequest("test loadbalancer", 6443, Protocol.TCP, "rr", null));
    }

    @Test
    void seedBackendBodySentByPlainCurlDashDParsesWithDefaults() {
        AddBackendRequest r = backend(CURL_D, "{\"ip\":\"10.80.96.25\", \"port\": 6443}");

        assertThat(r).isEqualTo(new AddBackendRequest(IpAddresses.parse("10.80.96.25"), 6443, 1, ForwardMethod.MASQ));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"application/json", "Application/JSON; charset=UTF-8", " application/json ;charset=utf-8",
            "application/merge-patch+json", "application/vnd.slb.v1+json", CURL_D})
    void readsTheBodyAsJsonForJsonLikeContentTypes(@Nullable String contentType) {
        assertThat(RequestParser.isAcceptedMediaType(contentType)).isTrue();
        assertThat(create(contentType, "{\"name\":\"lb\",\"port\":80}").name()).isEqualTo("lb");
    }

    @Test
    void appliesEveryOptionalCreateField() {
        CreateLoadBalancerRequest r = create(JSON,
                "{\"name\":\"web\",\"port\":443,\"protocol\":\"UDP\",\"scheduler\":\"WLC\",\"eip\":\"192.0.2.10\"}");

        assertThat(r).isEqualTo(new CreateLoadBalancerRequest("web", 443, Protocol.UDP, "wlc", IpAddresses.parse("192.0.2.10")));
    }

    @Test
    void treatsExplicitNullOptionalFieldsAsAbsent() {
        CreateLoadBalancerRequest lb = create(JSON,
                "{\"name\":\"web\",\"port\":443,\"protocol\":null,\"scheduler\":null,\"eip\":null}");
        AddBackendRequest b = backend(JSON, "{\"ip\":\"10.0.0.1\",\"port\":80,\"weight\":null,\"type\":null}");

        assertThat(lb).isEqualTo(new CreateLoadBalancerRequest("web", 443, Protocol.TCP, "rr", null));
        assertThat(b.weight()).isEqualTo(Backend.DEFAULT_WEIGHT);
        assertThat(b.type()).isEqualTo(ForwardMethod.MASQ);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "2001:db8::10", "192.168.0.85"})
    void acceptsUnicastEipsIncludingLoopbackForTheUserspaceProxy(String eip) {
        CreateLoadBalancerRequest r = create(JSON, "{\"name\":\"lb\",\"port\":80,\"eip\":\"" + eip + "\"}");

        assertThat(r.eip()).isEqualTo(IpAddresses.parse(eip));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 65535})
    void acceptsPortBounds(int port) {
        assertThat(create(JSON, "{\"name\":\"lb\",\"port\":" + port + "}").port()).isEqualTo(port);
    }

    @Test
    void countsNameLengthInCodePoints() {
        String longest = "\uD83D\uDE80".repeat(RequestParser.NAME_MAX);

        assertThat(create(JSON, "{\"name\":\"" + longest + "\",\"port\":80}").name()).isEqualTo(longest);
    }

    @ParameterizedTest
    @CsvSource({"MASQ,MASQ", "masq,MASQ", "Masquerading,MASQ", "LOCAL,LOCAL", "local,LOCAL", "TUNNEL,TUNNEL",
            "ipip,TUNNEL", "tunneling,TUNNEL", "ROUTE,ROUTE", "gatewaying,ROUTE", "direct,ROUTE", "DR,ROUTE"})
    void acceptsForwardMethodsBySlbAndIpvsadmNames(String word, ForwardMethod expected) {
        AddBackendRequest r = backend(JSON, "{\"ip\":\"10.0.0.1\",\"port\":80,\"type\":\"" + word + "\"}");

        assertThat(r.type()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 65535})
    void acceptsWeightBoundsIncludingZeroForDraining(int weight) {
        AddBackendRequest r = backend(JSON, "{\"ip\":\"fd00::5\",\"port\":80,\"weight\":" + weight + "}");

        assertThat(r.weight()).isEqualTo(weight);
        assertThat(r.ip()).isEqualTo(IpAddresses.parse("fd00::5"));
    }

    @Test
    void parsesUuidsInEitherCase() {
        UUID lower = UUID.fromString("087fcb0f-8e07-4123-a32f-e8e83a281023");

        assertThat(parser.uuid("uuid", "087fcb0f-8e07-4123-a32f-e8e83a281023")).isEqualTo(new Parsed.Ok<>(lower));
        assertThat(parser.uuid("uuid", "087FCB0F-8E07-4123-A32F-E8E83A281023")).isEqualTo(new Parsed.Ok<>(lower));
    }

    @Test
    void requestsBecomeCommandsCarryingEveryField() {
        UUID lb = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Instant at = Instant.parse("2024-05-01T10:00:00Z");
        CreateLoadBalancerRequest create = create(JSON, "{\"name\":\"lb\",\"port\":80,\"eip\":\"192.0.2.1\"}");
        AddBackendRequest add = backend(JSON, "{\"ip\":\"10.0.0.1\",\"port\":8080,\"weight\":3,\"type\":\"dr\"}");

        assertThat(create.toCommand(lb, at)).isEqualTo(new CreateLoadBalancer(
                lb, "lb", 80, Protocol.TCP, "rr", IpAddresses.parse("192.0.2.1"), at));
        assertThat(add.toCommand(lb, b, at)).isEqualTo(new AddBackend(
                lb, new Backend(b, IpAddresses.parse("10.0.0.1"), 8080, 3, ForwardMethod.ROUTE), at));
    }

    private CreateLoadBalancerRequest create(@Nullable String contentType, String body) {
        return ok(parser.createLoadBalancer(contentType, body.getBytes(StandardCharsets.UTF_8)));
    }

    private AddBackendRequest backend(@Nullable String contentType, String body) {
        return ok(parser.addBackend(contentType, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static <T> T ok(Parsed<T> parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Ok.class);
        return ((Parsed.Ok<T>) parsed).value();
    }
}
