package io.slb.provider.metal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slb.core.LoadBalancer;
import io.slb.core.PendingRelease;
import io.slb.core.Protocol;
import io.slb.core.Status;
import io.slb.ipam.IpAddresses;
import io.slb.pipeline.AddressProvider.Grant;
import io.slb.pipeline.PermanentFailureException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** MetalAddressProvider never makes a second reservation for a load balancer and never leaves one behind. */
class MetalAddressProviderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final MetalFixture metal = new MetalFixture();
    private final MetalAddressProvider provider = new MetalAddressProvider(metal.client);
    private final LoadBalancer lb = new LoadBalancer(UUID.randomUUID(), "web", null, 80, Protocol.TCP, "rr", List.of(),
            Status.PENDING, Instant.EPOCH);

    @AfterEach
    void close() {
        metal.close();
    }

    @Test
    void aLoadBalancerWithoutAnAddressGetsATaggedReservation() {
        Grant grant = provider.ensure(lb).block(WAIT);

        assertThat(metal.fake.reservations).containsOnlyKeys(grant.ref());
        assertThat(metal.fake.tagged(MetalAddressProvider.tag(lb.uuid()))).isEqualTo(1);
        assertThat(grant.eip().getHostAddress())
                .isEqualTo(metal.fake.reservations.get(grant.ref()).path("address").asText());
    }

    @Test
    void askingAgainFindsTheSameReservationByItsTag() {
        Grant first = provider.ensure(lb).block(WAIT);

        Grant again = provider.ensure(lb).block(WAIT);

        assertThat(again).isEqualTo(first);
        assertThat(metal.fake.requested).hasValue(1);
    }

    @Test
    void aGrantWhoseAnswerWasLostIsFoundInsteadOfAskedForAgain() {
        metal.fake.faults = Faults.first(1, Fault.ERROR_AFTER, "POST");

        Grant grant = provider.ensure(lb).block(WAIT);

        assertThat(metal.fake.requested).hasValue(1);
        assertThat(metal.fake.reservations).containsOnlyKeys(grant.ref());
    }

    @Test
    void duplicatesCarryingTheTagAreDeletedKeepingOne() {
        metal.client.requestReservation(List.of(MetalAddressProvider.tag(lb.uuid())), "a").block(WAIT);
        metal.client.requestReservation(List.of(MetalAddressProvider.tag(lb.uuid())), "b").block(WAIT);

        Grant grant = provider.ensure(lb).block(WAIT);

        assertThat(metal.fake.reservations).containsOnlyKeys(grant.ref());
    }

    @Test
    void aLoadBalancerWithAnAddressIsConfirmedWithoutCallingTheApi() {
        LoadBalancer served = lb.withEip(IpAddresses.parse("198.51.100.9"));

        assertThat(provider.ensure(served).block(WAIT)).isEqualTo(new Grant(served.eip(), null));
        assertThat(metal.fake.calls).isEmpty();
    }

    @Test
    void releaseDeletesTheRecordedReservationAndIsIdempotent() {
        Grant grant = provider.ensure(lb).block(WAIT);
        PendingRelease pending = new PendingRelease(grant.eip(), MetalAddressProvider.NAME, grant.ref());

        provider.release(lb.uuid(), pending).block(WAIT);
        provider.release(lb.uuid(), pending).block(WAIT);

        assertThat(metal.fake.reservations).isEmpty();
    }

    @Test
    void releaseWithoutARefFindsTheGrantByTag() {
        provider.ensure(lb).block(WAIT);

        provider.release(lb.uuid(), new PendingRelease(null, MetalAddressProvider.NAME, null)).block(WAIT);

        assertThat(metal.fake.reservations).isEmpty();
    }

    @Test
    void refusalsBecomePermanentFailuresWithTheApisText() {
        metal.fake.approvalRequired = true;

        assertThatThrownBy(() -> provider.ensure(lb).block(WAIT))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("IP reservation request requires approval").hasMessageContaining("422");
    }

    @Test
    void neighboursComeFromTheDeviceWithThisHostname() {
        BgpNeighbours found = new NeighbourDiscovery(metal.client).discover().block(WAIT);

        assertThat(found).isEqualTo(new BgpNeighbours(FakeMetalApi.DEVICE, IpAddresses.parse("10.67.50.3"), 65000,
                List.of(new BgpNeighbours.Peer(IpAddresses.parse("169.254.255.1"), 65530),
                        new BgpNeighbours.Peer(IpAddresses.parse("169.254.255.2"), 65530)),
                "s3cret", true));
        assertThat(found.toString()).doesNotContain("s3cret");
    }

    @Test
    void aDeviceWithoutNeighboursSaysToEnableBgp() {
        metal.fake.neighbours.put(FakeMetalApi.DEVICE, new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode());

        assertThatThrownBy(() -> new NeighbourDiscovery(metal.client).discover().block(WAIT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ensure BGP is enabled for this device");
    }
}
