package io.slb.announce.bgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BgpFlagsTest {
    @Test
    void peerSpecWithAddressAndAs() throws Exception {
        BgpPeer peer = BgpPeer.parse("10.99.0.2:65530");
        assertThat(peer).isEqualTo(new BgpPeer(InetAddress.getByName("10.99.0.2"), 65530, null, false));
    }

    @Test
    void peerSpecWithPasswordAndMultihop() throws Exception {
        assertThat(BgpPeer.parse("10.99.0.2:65530:s3cret:multihop"))
                .isEqualTo(new BgpPeer(InetAddress.getByName("10.99.0.2"), 65530, "s3cret", true));
        assertThat(BgpPeer.parse("10.99.0.2:65530:multihop").multihop()).isTrue();
        assertThat(BgpPeer.parse("10.99.0.2:65530:multihop").password()).isNull();
        assertThat(BgpPeer.parse("10.99.0.2:65530::multihop").password()).isNull();
        assertThat(BgpPeer.parse("10.99.0.2:65530:pw").password()).isEqualTo("pw");
    }

    @Test
    void peerSpecWithBracketedIpv6AndFourByteAs() throws Exception {
        BgpPeer peer = BgpPeer.parse("[2001:db8::2]:4200000000");
        assertThat(peer.address()).isEqualTo(InetAddress.getByName("2001:db8::2"));
        assertThat(peer.asn()).isEqualTo(4_200_000_000L);
    }

    @Test
    void peerSpecHidesThePasswordWhenPrinted() {
        assertThat(BgpPeer.parse("10.99.0.2:65530:s3cret").toString()).isEqualTo("10.99.0.2:65530:***");
    }

    @Test
    void badPeerSpecsNameTheProblem() {
        assertThatThrownBy(() -> BgpPeer.parse("10.99.0.2")).hasMessageContaining("has no AS");
        assertThatThrownBy(() -> BgpPeer.parse("router1:65530")).hasMessageContaining("bgpPeer address: 'router1'");
        assertThatThrownBy(() -> BgpPeer.parse("10.99.0.2:0")).hasMessage("bgpPeer as: 0 (expected: 1..4294967295)");
        assertThatThrownBy(() -> BgpPeer.parse("10.99.0.2:4294967296")).hasMessageContaining("expected: 1..4294967295");
        assertThatThrownBy(() -> BgpPeer.parse("10.99.0.2:as1")).hasMessageContaining("bgpPeer as: 'as1'");
        assertThatThrownBy(() -> BgpPeer.parse("10.99.0.2:65530:pw:ttl")).hasMessageContaining("(expected: multihop)");
        assertThatThrownBy(() -> BgpPeer.parse("10.99.0.2:1:2:3:4")).hasMessageContaining("too many fields");
        assertThatThrownBy(() -> BgpPeer.parse("[2001:db8::2:65530")).hasMessageContaining("IPv6 in [brackets]");
    }

    @Test
    void apiTargetIsTcpOrUnixSocket() throws Exception {
        assertThat(BgpApiTarget.parse("127.0.0.1:50051"))
                .isEqualTo(new BgpApiTarget.Tcp(InetAddress.getByName("127.0.0.1"), 50051));
        assertThat(BgpApiTarget.parse("[::1]:50051").toString()).isEqualTo("[0:0:0:0:0:0:0:1]:50051");
        assertThat(BgpApiTarget.parse("unix:///run/gobgp.sock")).isEqualTo(new BgpApiTarget.Unix(Path.of("/run/gobgp.sock")));
        assertThat(BgpApiTarget.parse("unix:///run/gobgp.sock").toString()).isEqualTo("unix:///run/gobgp.sock");
    }

    @Test
    void badApiTargetsNameTheProblem() {
        assertThatThrownBy(() -> BgpApiTarget.parse("localhost")).hasMessageContaining("expected: host:port");
        assertThatThrownBy(() -> BgpApiTarget.parse("127.0.0.1:0")).hasMessage("bgpApi port: 0 (expected: 1..65535)");
        assertThatThrownBy(() -> BgpApiTarget.parse("127.0.0.1:x")).hasMessageContaining("port is not a number");
        assertThatThrownBy(() -> BgpApiTarget.parse("unix://run/gobgp.sock")).hasMessageContaining("not absolute");
        assertThatThrownBy(() -> BgpApiTarget.parse("::1:50051")).hasMessageContaining("[brackets]");
    }

    @Test
    void settingsDefaultTheNextHopsToTheUnspecifiedAddresses() throws Exception {
        BgpSettings s = BgpSettings.fromFlags("127.0.0.1:50051", "65000", "10.99.0.1", 179,
                List.of("10.99.0.2:65530"), List.of(), null);
        assertThat(s.nextHop(InetAddress.getByName("192.0.2.1"))).isEqualTo(InetAddress.getByName("0.0.0.0"));
        assertThat(s.nextHop(InetAddress.getByName("2001:db8::1"))).isEqualTo(InetAddress.getByName("::"));
        BgpSettings hops = BgpSettings.fromFlags("127.0.0.1:50051", "65000", "10.99.0.1", 179,
                List.of(), List.of("fd00::1", "10.0.0.1"), null);
        assertThat(hops.nextHop6()).isEqualTo(InetAddress.getByName("fd00::1"));
        assertThat(hops.nextHop4()).isEqualTo(InetAddress.getByName("10.0.0.1"));
    }

    @Test
    void badSettingsNameTheFlag() {
        assertThatThrownBy(() -> BgpSettings.fromFlags("127.0.0.1:50051", "65000", null, 179, List.of(), List.of(), null))
                .hasMessageContaining("bgpRouterId: missing");
        assertThatThrownBy(() -> BgpSettings.fromFlags("127.0.0.1:50051", "65000", "fd00::1", 179, List.of(), List.of(), null))
                .hasMessage("bgpRouterId: 'fd00::1' (expected: an IPv4 address)");
        assertThatThrownBy(() -> BgpSettings.fromFlags("127.0.0.1:50051", "0", "10.0.0.1", 179, List.of(), List.of(), null))
                .hasMessage("bgpAs: 0 (expected: 1..4294967295)");
        assertThatThrownBy(() -> BgpSettings.fromFlags("127.0.0.1:50051", "65000", "10.0.0.1", 70000, List.of(), List.of(), null))
                .hasMessage("bgpListenPort: 70000 (expected: 1..65535, or -1 for none)");
        assertThatThrownBy(() -> BgpSettings.fromFlags("127.0.0.1:50051", "65000", "10.0.0.1", 179,
                List.of("10.0.0.2:1", "10.0.0.2:2"), List.of(), null)).hasMessageContaining("given twice");
        assertThatThrownBy(() -> BgpSettings.fromFlags("127.0.0.1:50051", "65000", "10.0.0.1", 179,
                List.of(), List.of("10.0.0.1", "10.0.0.3"), null)).hasMessageContaining("second next hop");
    }
}
