package io.slb.announce.bgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import io.slb.announce.bgp.apipb.Family;
import io.slb.announce.bgp.apipb.IPAddressPrefix;
import io.slb.announce.bgp.apipb.MpReachNLRIAttribute;
import io.slb.announce.bgp.apipb.NextHopAttribute;
import io.slb.announce.bgp.apipb.OriginAttribute;
import io.slb.announce.bgp.apipb.Path;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathsTest {
    @Test
    void ipv4VipIsAHostRouteWithOriginIgpAndNextHop() throws Exception {
        Path path = Paths.hostRoute(InetAddress.getByName("192.0.2.10"), InetAddress.getByName("0.0.0.0"));

        assertThat(path.getFamily()).isEqualTo(Family.newBuilder().setAfi(Family.Afi.AFI_IP).setSafi(Family.Safi.SAFI_UNICAST).build());
        assertThat(path.getNlri().getTypeUrl()).isEqualTo("type.googleapis.com/apipb.IPAddressPrefix");
        assertThat(path.getNlri().unpack(IPAddressPrefix.class))
                .isEqualTo(IPAddressPrefix.newBuilder().setPrefix("192.0.2.10").setPrefixLen(32).build());
        List<String> urls = path.getPattrsList().stream().map(Any::getTypeUrl).toList();
        assertThat(urls).containsExactly("type.googleapis.com/apipb.OriginAttribute", "type.googleapis.com/apipb.NextHopAttribute");
        assertThat(path.getPattrs(0).unpack(OriginAttribute.class).getOrigin()).isZero();
        assertThat(path.getPattrs(1).unpack(NextHopAttribute.class).getNextHop()).isEqualTo("0.0.0.0");
    }

    @Test
    void ipv6VipCarriesItsNextHopInMpReach() throws Exception {
        Path path = Paths.hostRoute(InetAddress.getByName("2001:db8:99::10"), InetAddress.getByName("fd00:99::1"));

        assertThat(path.getFamily().getAfi()).isEqualTo(Family.Afi.AFI_IP6);
        IPAddressPrefix nlri = path.getNlri().unpack(IPAddressPrefix.class);
        assertThat(nlri.getPrefixLen()).isEqualTo(128);
        assertThat(InetAddress.getByName(nlri.getPrefix())).isEqualTo(InetAddress.getByName("2001:db8:99::10"));
        assertThat(path.getPattrsList()).extracting(Any::getTypeUrl).containsExactly(
                "type.googleapis.com/apipb.OriginAttribute", "type.googleapis.com/apipb.MpReachNLRIAttribute");
        MpReachNLRIAttribute reach = path.getPattrs(1).unpack(MpReachNLRIAttribute.class);
        assertThat(reach.getFamily()).isEqualTo(path.getFamily());
        assertThat(reach.getNextHopsList()).containsExactly("fd00:99:0:0:0:0:0:1");
        assertThat(reach.getNlrisList()).containsExactly(path.getNlri());
    }

    @Test
    void hostOfReadsTheVipBackAndIgnoresWiderPrefixes() throws Exception {
        InetAddress vip = InetAddress.getByName("2001:db8:99::10");
        assertThat(Paths.hostOf(Paths.hostRoute(vip, InetAddress.getByName("::")))).contains(vip);
        Path wide = Path.newBuilder().setNlri(Any.pack(IPAddressPrefix.newBuilder().setPrefix("192.0.2.0").setPrefixLen(24).build())).build();
        assertThat(Paths.hostOf(wide)).isEmpty();
        assertThat(Paths.hostOf(Path.getDefaultInstance())).isEmpty();
    }

    @Test
    void pathsWithoutNeighbourAreLocal() {
        assertThat(Paths.isLocal(Path.newBuilder().setNeighborIp("<nil>").build())).isTrue();
        assertThat(Paths.isLocal(Path.getDefaultInstance())).isTrue();
        assertThat(Paths.isLocal(Path.newBuilder().setNeighborIp("10.99.0.2").build())).isFalse();
    }

    @Test
    void nextHopOfAnotherFamilyIsRefused() {
        assertThatThrownBy(() -> Paths.hostRoute(InetAddress.getByName("192.0.2.10"), InetAddress.getByName("::")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: the family of VIP 192.0.2.10");
    }
}
