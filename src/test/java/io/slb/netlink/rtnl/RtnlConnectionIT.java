package io.slb.netlink.rtnl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slb.netlink.NetlinkErrnoException;
import io.slb.netlink.uapi.IfAddrH;
import io.slb.netlink.uapi.IfH;
import io.slb.sys.Syscalls;
import io.slb.testing.NetworkNamespace;
import io.slb.testing.Prerequisites;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RtnlConnection against the real kernel: links in this namespace, and address changes on a veth
 * interface (both ends) inside a fresh network namespace, each checked with {@code ip -j} as an independent reader.
 * Addresses come from 198.18.0.0/15 (benchmarking) and 2001:db8::/32 (documentation).
 */
class RtnlConnectionIT {
    private static final String DUMMY = "slb0";
    private static final String PEER = "slb1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private NetworkNamespace ns;
    private RtnlConnection rtnl;
    private int dummy;

    @BeforeEach
    void setUp() throws Exception {
        Prerequisites.requireRoot();
        Prerequisites.requireCommand("ip");
        ns = NetworkNamespace.create("slb-rtnl");
        ns.ip("link", "add", DUMMY, "type", "veth", "peer", "name", PEER);
        ns.ip("link", "set", DUMMY, "up");
        rtnl = ns.enter(RtnlConnection::open);
        dummy = rtnl.link(DUMMY).orElseThrow().index();
    }

    @AfterEach
    void tearDown() {
        if (rtnl != null) {
            rtnl.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void loopbackOfTheHostHasTheIndexIfNametoindexGives() throws Exception {
        try (RtnlConnection host = RtnlConnection.open()) {
            Link lo = host.link("lo").orElseThrow();

            assertThat(lo.index()).isEqualTo(Syscalls.load().libc().if_nametoindex("lo"));
            assertThat(lo.flags() & IfH.IFF_LOOPBACK).isNotZero();
            assertThat(host.links()).contains(lo);
        }
    }

    @Test
    void linkReportsWhatIpReports() throws Exception {
        JsonNode ip = JSON.readTree(ns.ip("-j", "link", "show", "dev", DUMMY)).get(0);
        Link link = rtnl.link(DUMMY).orElseThrow();

        assertThat(link.index()).isEqualTo(ip.get("ifindex").asInt());
        assertThat(link.macText()).isEqualTo(ip.get("address").asText());
        assertThat(link.up()).isTrue();
        assertThat(rtnl.link(dummy)).contains(link);
        assertThat(rtnl.links()).extracting(Link::name).containsExactlyInAnyOrder("lo", DUMMY, PEER);
    }

    @Test
    void unknownLinkIsEmpty() throws Exception {
        assertThat(rtnl.link("slb-none")).isEmpty();
    }

    @Test
    void setUpTogglesTheLink() throws Exception {
        rtnl.setUp(dummy, false);
        assertThat(flags()).doesNotContain("UP");

        rtnl.setUp(dummy, true);
        assertThat(flags()).contains("UP");
    }

    @Test
    void ensureAndRemoveAddressesAreIdempotent() throws Exception {
        InetAddress v4 = InetAddress.getByName("198.18.0.1");
        InetAddress v6 = InetAddress.getByName("2001:db8::1");

        assertThat(rtnl.ensureAddress(dummy, v4, 32)).isTrue();
        assertThat(rtnl.ensureAddress(dummy, v6, 128)).isTrue();
        assertThat(rtnl.ensureAddress(dummy, v4, 32)).isFalse();
        assertThat(rtnl.ensureAddress(dummy, v6, 128)).isFalse();
        assertThat(ipAddresses()).contains("198.18.0.1/32", "2001:db8::1/128");
        assertThat(ipTentative()).doesNotContain("2001:db8::1");
        assertThat(rtnl.addresses(dummy)).anySatisfy(a -> {
            assertThat(a.address()).isEqualTo(v6);
            assertThat(a.prefix()).isEqualTo(128);
            assertThat(a.flags() & IfAddrH.IFA_F_NODAD).isNotZero();
        });

        assertThat(rtnl.removeAddress(dummy, v4, 32)).isTrue();
        assertThat(rtnl.removeAddress(dummy, v6, 128)).isTrue();
        assertThat(rtnl.removeAddress(dummy, v4, 32)).isFalse();
        assertThat(rtnl.removeAddress(dummy, v6, 128)).isFalse();
        assertThat(ipAddresses()).doesNotContain("198.18.0.1/32", "2001:db8::1/128");
    }

    @Test
    void duplicateRawAddIsEexistNamingTheOperation() throws Exception {
        IfAddress a = IfAddress.vip(dummy, InetAddress.getByName("198.18.0.2"), 32);
        rtnl.addAddress(a);

        assertThatThrownBy(() -> rtnl.addAddress(a)).isInstanceOfSatisfying(NetlinkErrnoException.class, e -> {
            assertThat(e.errnoName()).isEqualTo("EEXIST");
            assertThat(e.source()).isEqualTo(NetlinkErrnoException.Source.KERNEL);
            assertThat(e).hasMessageStartingWith("netlink RTM_NEWADDR: EEXIST (17)");
        });
    }

    @Test
    void rawDeleteOfAMissingAddressIsEaddrnotavail() throws Exception {
        IfAddress a = IfAddress.vip(dummy, InetAddress.getByName("198.18.0.9"), 32);

        assertThatThrownBy(() -> rtnl.deleteAddress(a)).isInstanceOfSatisfying(NetlinkErrnoException.class,
                e -> assertThat(e.errnoName()).isEqualTo("EADDRNOTAVAIL"));
    }

    @Test
    void batchedAddsAreAllApplied() throws Exception {
        List<IfAddress> batch = new ArrayList<>();
        for (int i = 10; i < 14; i++) {
            batch.add(IfAddress.vip(dummy, InetAddress.getByName("198.18.1." + i), 32));
            batch.add(IfAddress.vip(dummy, InetAddress.getByName("2001:db8::" + i), 128));
        }

        rtnl.addAddresses(batch);

        assertThat(ipAddresses()).contains("198.18.1.10/32", "198.18.1.13/32", "2001:db8::10/128", "2001:db8::13/128");
        assertThat(rtnl.addresses(dummy)).extracting(IfAddress::address)
                .containsAll(batch.stream().map(IfAddress::address).toList());
    }

    @Test
    void batchWithOneDuplicateAppliesTheRestAndReportsTheDuplicate() throws Exception {
        IfAddress existing = IfAddress.vip(dummy, InetAddress.getByName("198.18.2.1"), 32);
        IfAddress fresh = IfAddress.vip(dummy, InetAddress.getByName("198.18.2.2"), 32);
        rtnl.addAddress(existing);

        assertThatThrownBy(() -> rtnl.addAddresses(List.of(existing, fresh)))
                .isInstanceOfSatisfying(NetlinkErrnoException.class, e -> assertThat(e.errnoName()).isEqualTo("EEXIST"));
        assertThat(ipAddresses()).contains("198.18.2.1/32", "198.18.2.2/32");
        assertThat(rtnl.ensureAddress(dummy, fresh.address(), 32)).isFalse();
    }

    private List<String> flags() throws Exception {
        List<String> flags = new ArrayList<>();
        JSON.readTree(ns.ip("-j", "link", "show", "dev", DUMMY)).get(0).get("flags").forEach(f -> flags.add(f.asText()));
        return flags;
    }

    private List<String> ipAddresses() throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode a : JSON.readTree(ns.ip("-j", "addr", "show", "dev", DUMMY)).get(0).get("addr_info")) {
            out.add(a.get("local").asText() + "/" + a.get("prefixlen").asInt());
        }
        return out;
    }

    private List<String> ipTentative() throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode a : JSON.readTree(ns.ip("-j", "addr", "show", "dev", DUMMY)).get(0).get("addr_info")) {
            if (a.path("tentative").asBoolean(false)) {
                out.add(a.get("local").asText());
            }
        }
        return out;
    }
}
