package io.slb.announce.arp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.slb.sys.Syscalls;
import io.slb.testing.Prerequisites;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * ArpAnnouncerIT runs the announcer inside the "slb" namespace of a veth segment and checks with
 * independent readers: {@code ip -n slb addr} for the VIP on the adapter, {@code ip -n peer neigh}
 * for the peer's neighbour entry (seeded STALE with another MAC first: Linux updates an existing
 * entry from gratuitous ARP or an unsolicited NA, and with arp_accept=0 / accept_untracked_na=0 it
 * creates none).
 */
class ArpAnnouncerIT {
    private static final String OLD_MAC = "02:00:00:00:00:99";
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The pool slb owns in these tests: 198.18.0.64/26 and 2001:db8::/112. */
    private static final Predicate<InetAddress> OWNED = a -> a.getHostAddress().startsWith("198.18.0.")
            ? (a.getAddress()[3] & 0xC0) == 64
            : a.getHostAddress().startsWith("2001:db8:0:0:0:0:0:");

    private final Syscalls sys = Syscalls.load();
    private VethSegment segment;
    private ArpAnnouncer announcer;

    @BeforeEach
    void segment() {
        Prerequisites.requireRoot();
        Prerequisites.requireCommand("ip");
        segment = VethSegment.create();
    }

    @AfterEach
    void cleanUp() {
        try {
            if (announcer != null) {
                announcer.close();
            }
        } finally {
            if (segment != null) {
                segment.close();
            }
        }
    }

    @Test
    void announceAddsTheIpv4VipAndThePeerLearnsTheSlbMac() throws Exception {
        assertAnnounceThenWithdraw("198.18.0.100", 32, new ArpOptions(1, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void announceAddsTheIpv6VipWithoutDadAndThePeerLearnsTheSlbMac() throws Exception {
        assertAnnounceThenWithdraw("2001:db8::100", 128, new ArpOptions(1, Duration.ZERO, Duration.ZERO));
        assertThat(hostAddresses()).isEmpty();
    }

    @Test
    void theBurstKeepsSendingAfterTheFirstRound() throws Exception {
        start(new ArpOptions(4, Duration.ofMillis(700), Duration.ZERO));
        String vip = "198.18.0.101";
        segment.seedPeerNeighbour(vip, OLD_MAC);
        verify(announcer.announce(ip(vip)));
        awaitPeerHasSlbMac(vip);

        segment.seedPeerNeighbour(vip, OLD_MAC);

        awaitPeerHasSlbMac(vip);
    }

    @Test
    void periodicRefreshReannouncesEveryVip() throws Exception {
        start(new ArpOptions(1, Duration.ZERO, Duration.ofSeconds(1)));
        String vip = "2001:db8::101";
        verify(announcer.announce(ip(vip)));

        segment.seedPeerNeighbour(vip, OLD_MAC);

        awaitPeerHasSlbMac(vip);
    }

    @Test
    void announceAndWithdrawAreIdempotent() throws Exception {
        start(new ArpOptions(1, Duration.ZERO, Duration.ZERO));
        InetAddress vip = ip("198.18.0.102");

        verify(announcer.announce(vip));
        verify(announcer.announce(vip));
        segment.slb.exec("ip", "addr", "del", "198.18.0.102/32", "dev", VethSegment.SLB_IF);
        verify(announcer.announce(vip));
        assertThat(hostAddresses()).containsExactly("198.18.0.102/32");

        verify(announcer.withdraw(vip));
        verify(announcer.withdraw(vip));
        assertThat(hostAddresses()).isEmpty();
    }

    @Test
    void retainOnlyRemovesOwnedAddressesNotDesiredAndNothingElse() throws Exception {
        start(new ArpOptions(1, Duration.ZERO, Duration.ZERO));
        segment.slb.exec("ip", "addr", "add", "198.18.0.103/32", "dev", VethSegment.SLB_IF);
        segment.slb.exec("ip", "addr", "add", "2001:db8::103/128", "dev", VethSegment.SLB_IF, "nodad");
        segment.slb.exec("ip", "addr", "add", "198.18.0.7/32", "dev", VethSegment.SLB_IF);
        verify(announcer.announce(ip("198.18.0.104")));

        verify(announcer.retainOnly(Set.of(ip("198.18.0.104"))));

        assertThat(hostAddresses()).containsExactlyInAnyOrder("198.18.0.7/32", "198.18.0.104/32");
        assertThat(segment.slb.exec("ip", "-br", "addr", "show", "dev", VethSegment.SLB_IF))
                .contains("198.18.0.1/24").contains("2001:db8::1/64");
    }

    @Test
    void callsBeforeStartAndAfterCloseFailAndCloseIsIdempotent() throws Exception {
        announcer = segment.slb.call(sys, () -> ArpAnnouncer.open(VethSegment.SLB_IF, ArpOptions.DEFAULTS, OWNED));
        StepVerifier.create(announcer.announce(ip("198.18.0.105")))
                .expectErrorMessage("arp announcer on slb0: not started").verify(WAIT);

        announcer.start();
        announcer.close();
        announcer.close();

        StepVerifier.create(announcer.withdraw(ip("198.18.0.105")))
                .expectErrorMessage("arp announcer on slb0: closed").verify(WAIT);
        assertThatThrownBy(announcer::start).hasMessage("arp announcer on slb0: closed");
    }

    @Test
    void announcingOnADownAdapterFailsWithEnetdown() throws Exception {
        start(new ArpOptions(1, Duration.ZERO, Duration.ZERO));
        segment.slb.exec("ip", "link", "set", VethSegment.SLB_IF, "down");

        StepVerifier.create(announcer.announce(ip("198.18.0.106")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(LinkLayerException.class)
                        .hasMessageStartingWith("sendto slb0: ENETDOWN"))
                .verify(WAIT);
    }

    private void assertAnnounceThenWithdraw(String vip, int prefix, ArpOptions options) throws Exception {
        start(options);
        segment.seedPeerNeighbour(vip, OLD_MAC);

        verify(announcer.announce(ip(vip)));

        assertThat(hostAddresses()).containsExactly(vip + "/" + prefix);
        awaitPeerHasSlbMac(vip);

        verify(announcer.withdraw(ip(vip)));

        assertThat(hostAddresses()).isEmpty();
    }

    private void start(ArpOptions options) throws Exception {
        announcer = segment.slb.call(sys, () -> ArpAnnouncer.open(VethSegment.SLB_IF, options, OWNED)).start();
    }

    private void awaitPeerHasSlbMac(String vip) {
        await().atMost(WAIT).until(() -> segment.peerNeighbour(vip), Optional.of(segment.slbMac())::equals);
    }

    /** Returns the /32 and /128 addresses on slb0, as {@code ip -j addr} reports them; IPv6 ones must carry nodad. */
    private List<String> hostAddresses() {
        List<String> found = new ArrayList<>();
        JsonNode links = VethSegment.json(segment.slb.exec("ip", "-j", "addr", "show", "dev", VethSegment.SLB_IF));
        for (JsonNode info : links.get(0).get("addr_info")) {
            int prefix = info.get("prefixlen").asInt();
            if (prefix == 32 || prefix == 128) {
                found.add(info.get("local").asText() + "/" + prefix);
                if (prefix == 128) {
                    assertThat(info.path("nodad").asBoolean()).as("nodad on %s", info).isTrue();
                }
            }
        }
        return found;
    }

    private static void verify(Mono<Void> call) {
        StepVerifier.create(call).expectComplete().verify(WAIT);
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }
}
