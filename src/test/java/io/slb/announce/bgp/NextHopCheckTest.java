package io.slb.announce.bgp;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slb.ipam.AddressPools;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pool family whose routes would travel on a session of the other family needs an explicit next hop. */
class NextHopCheckTest {
    private static final AddressPools V4 = AddressPools.parse("192.0.2.10-192.0.2.20");
    private static final AddressPools DUAL = AddressPools.parse("192.0.2.10-192.0.2.20,2001:db8:99::10-2001:db8:99::20");

    private static BgpSettings settings(List<String> peers, List<String> nextHops) {
        return BgpSettings.fromFlags("127.0.0.1:50051", "65000", "10.99.0.1", 179, peers, nextHops, null);
    }

    @Test
    void ipv6PoolsOverAnIpv4PeerWithoutAnIpv6NextHopAreRefused() {
        assertThatThrownBy(() -> settings(List.of("10.99.0.2:65530"), List.of()).requireNextHopsFor(DUAL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bgpNextHop: none for IPv6 but --ipamRange has 2001:db8:99::10-2001:db8:99::20 and peer"
                        + " 10.99.0.2 is not IPv6, so gobgpd has no IPv6 address to put as next hop (expected:"
                        + " --bgpNextHop with this host's IPv6 address on the peering link)");
    }

    @Test
    void ipv4PoolsOverAnIpv6PeerWithoutAnIpv4NextHopAreRefused() {
        assertThatThrownBy(() -> settings(List.of("[fd00:99::2]:65530"), List.of()).requireNextHopsFor(V4))
                .hasMessageStartingWith("bgpNextHop: none for IPv4 but --ipamRange has 192.0.2.10-192.0.2.20 and peer fd00:99:0:0:0:0:0:2");
    }

    @Test
    void anExplicitNextHopOrPeersOfTheSameFamilySuffice() {
        assertThatCode(() -> settings(List.of("10.99.0.2:65530"), List.of("fd00:99::1")).requireNextHopsFor(DUAL))
                .doesNotThrowAnyException();
        assertThatCode(() -> settings(List.of("10.99.0.2:65530"), List.of()).requireNextHopsFor(V4))
                .doesNotThrowAnyException();
        assertThatCode(() -> settings(List.of("10.99.0.2:65530", "[fd00:99::2]:65530"), List.of("10.99.0.1", "fd00:99::1"))
                .requireNextHopsFor(DUAL)).doesNotThrowAnyException();
        assertThatCode(() -> settings(List.of("[fd00:99::2]:65530"), List.of())
                .requireNextHopsFor(AddressPools.parse("2001:db8:99::10-2001:db8:99::20"))).doesNotThrowAnyException();
    }
}
