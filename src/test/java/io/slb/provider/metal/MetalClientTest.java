package io.slb.provider.metal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** MetalClient against the fake Metal API: what is retried, what is not, and how errors read. */
class MetalClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private MetalFixture metal;

    @AfterEach
    void close() {
        metal.close();
    }

    /** A fault the first {@code times} calls get, and how many calls it then takes to succeed. */
    static Stream<Arguments> retried() {
        return Stream.of(
                Arguments.of("429 rate limited", Fault.RATE_LIMITED, 2),
                Arguments.of("500 before applying", Fault.ERROR_BEFORE, 3),
                Arguments.of("503 after applying", Fault.ERROR_AFTER, 1),
                Arguments.of("slower than the call timeout", Fault.slow(MetalFixture.CALL_TIMEOUT.multipliedBy(3)), 2));
    }

    @ParameterizedTest(name = "{0} is retried")
    @MethodSource("retried")
    void transientFaultsAreRetried(String name, Fault fault, int times) {
        metal = new MetalFixture();
        metal.fake.faults = Faults.first(times, fault, "GET");

        List<IpReservation> found = metal.client.reservations().block(WAIT);

        assertThat(found).isEmpty();
        assertThat(metal.fake.calls).hasSize(times + 1);
    }

    @Test
    void aRateLimitResetInTheFutureIsWaitedFor() {
        metal = new MetalFixture();
        metal.fake.rateLimitResetSeconds = 1;
        metal.fake.faults = Faults.first(1, Fault.RATE_LIMITED, "GET");
        long began = System.nanoTime();

        metal.client.reservations().block(WAIT);

        // The client caps the wait at maxBackoff (50 ms here), well above the 10 ms backoff floor.
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(25));
        // NB: at least the 429 and the retry; on a loaded machine the 500 ms call timeout can add one more.
        assertThat(metal.fake.calls).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void retriesGiveUpAfterTheConfiguredNumberWithTheLastError() {
        metal = new MetalFixture();
        metal.fake.faults = Faults.first(100, Fault.ERROR_BEFORE, null);

        assertThatThrownBy(() -> metal.client.reservations().block(WAIT))
                .isInstanceOf(MetalApiException.class)
                .hasMessageContaining("Internal server error").hasMessageContaining("HTTP 500");
        assertThat(metal.fake.calls).hasSize(MetalFixture.RETRIES + 1);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("bad token", "wrong-token", FakeMetalApi.PROJECT, 401, "Invalid authentication token"),
                Arguments.of("unknown project", FakeMetalApi.TOKEN, "no-such-project", 404, "Not found"));
    }

    @ParameterizedTest(name = "{0} is not retried")
    @MethodSource("refused")
    void refusalsAreNotRetriedAndCarryTheApisText(String name, String token, String project, int status, String text) {
        metal = new MetalFixture(token, project);

        assertThatThrownBy(() -> metal.client.reservations().block(WAIT))
                .isInstanceOfSatisfying(MetalApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.apiText()).isEqualTo(text);
                    assertThat(e.permanent()).isTrue();
                });
        assertThat(metal.fake.calls).hasSize(1);
    }

    @Test
    void approvalRequiredIsA422WithTheApisText() {
        metal = new MetalFixture();
        metal.fake.approvalRequired = true;

        assertThatThrownBy(() -> metal.client.requestReservation(List.of("slb:x"), "d").block(WAIT))
                .isInstanceOf(MetalApiException.class)
                .hasMessage("Equinix Metal API: IP reservation request requires approval (HTTP 422 from POST /metal/v1/projects/"
                        + FakeMetalApi.PROJECT + "/ips)");
        assertThat(metal.fake.reservations).isEmpty();
    }

    @Test
    void creatingAReservationIsNeverRetriedByTheClient() {
        metal = new MetalFixture();
        metal.fake.faults = Faults.first(1, Fault.ERROR_AFTER, "POST");

        assertThatThrownBy(() -> metal.client.requestReservation(List.of("slb:x"), "d").block(WAIT))
                .isInstanceOf(MetalApiException.class);
        assertThat(metal.fake.reservations).hasSize(1);
        assertThat(metal.fake.calls).hasSize(1);
    }

    @Test
    void aReservationIsMadeTaggedInTheFacilityAndDeletedOnce() {
        metal = new MetalFixture();

        IpReservation r = metal.client.requestReservation(List.of("slb:x"), "slb load balancer web").block(WAIT);

        assertThat(r.tagged("slb:x")).isTrue();
        assertThat(r.cidr()).isEqualTo(32);
        assertThat(r.isPublic()).isTrue();
        assertThat(metal.fake.reservations.get(r.id()).path("facility").path("code").asText()).isEqualTo("sv15");
        assertThat(metal.client.deleteReservation(r.id()).block(WAIT)).isTrue();
        assertThat(metal.client.deleteReservation(r.id()).block(WAIT)).as("404: already gone").isFalse();
    }

    @Test
    void devicesFollowMetaNextAcrossPages() {
        metal = new MetalFixture();

        List<MetalClient.Device> devices = metal.client.devices().block(WAIT);

        assertThat(devices).hasSize(25).extracting(MetalClient.Device::hostname).contains(FakeMetalApi.HOSTNAME);
        assertThat(metal.fake.calls).hasSize(3);
    }

    @Test
    void aHeldAnswerTimesOutAndIsRetriedUntilTheRetriesRunOut() {
        metal = new MetalFixture();
        metal.fake.faults = Faults.first(100, Fault.HOLD, null);

        // NB: whichever fires first on a loaded machine: the client's call timeout or Netty's read timeout.
        assertThatThrownBy(() -> metal.client.bgpNeighbors(FakeMetalApi.DEVICE).block(WAIT))
                .satisfiesAnyOf(
                        e -> assertThat(e).hasCauseInstanceOf(java.util.concurrent.TimeoutException.class),
                        e -> assertThat(e).isInstanceOf(io.netty.handler.timeout.ReadTimeoutException.class));
        assertThat(metal.fake.calls).hasSize(MetalFixture.RETRIES + 1);
    }
}
