package io.slb.provider.metal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slb.announce.bgp.BgpPeer;
import io.slb.announce.bgp.BgpSettings;
import io.slb.cli.MetalBgpDiscovery;
import io.slb.ipam.IpAddresses;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The seed's layer-3 start-up: BGP identity and peers read from the (fake) Metal API. */
class MetalBgpDiscoveryTest {
    private final MetalFixture fixture = new MetalFixture();
    private final BgpSettings flags = BgpSettings.fromFlags("unix:///run/slb/gobgp.sock", "65000", "0.0.0.0", 179,
            List.of(), List.of(), null);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void neighboursBecomeTheBgpSettings() {
        BgpSettings settings = MetalBgpDiscovery.discover(fixture.options(FakeMetalApi.TOKEN, FakeMetalApi.PROJECT), flags);

        assertThat(settings.routerId()).isEqualTo(IpAddresses.parse("10.67.50.3"));
        assertThat(settings.asn()).isEqualTo(65000);
        assertThat(settings.peers()).containsExactly(
                new BgpPeer(IpAddresses.parse("169.254.255.1"), 65530, "s3cret", true),
                new BgpPeer(IpAddresses.parse("169.254.255.2"), 65530, "s3cret", true));
        assertThat(settings.api()).isEqualTo(flags.api());
    }

    @Test
    void deviceWithoutNeighboursGivesTheSeedsAdvice() {
        fixture.fake.neighbours.put(FakeMetalApi.DEVICE, new ObjectMapper().createArrayNode());
        assertThatIllegalStateException()
                .isThrownBy(() -> MetalBgpDiscovery.discover(fixture.options(FakeMetalApi.TOKEN, FakeMetalApi.PROJECT), flags))
                .withMessageContaining("ensure BGP is enabled for this device");
    }
}
