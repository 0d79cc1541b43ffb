package io.slb.announce.arp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.slb.sys.Errno;
import io.slb.sys.Syscalls;
import io.slb.testing.Prerequisites;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PacketSocketIT sends the announcement frames from one namespace of a veth segment and reads the
 * result with {@code ip neigh} in the other: the peer's kernel must take the frames as gratuitous and
 * move its neighbour entry for the VIP to the slb side's MAC.
 */
class PacketSocketIT {
    private static final String OLD_MAC = "02:00:00:00:00:99";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Syscalls sys = Syscalls.load();
    private VethSegment segment;

    @BeforeEach
    void segment() {
        Prerequisites.requireRoot();
        Prerequisites.requireCommand("ip");
        segment = VethSegment.create();
    }

    @AfterEach
    void cleanUp() {
        if (segment != null) {
            segment.close();
        }
    }

    @Test
    void readsTheAdaptersMacAsIpLinkShowsIt() throws Exception {
        try (PacketSocket socket = segment.slb.call(sys, () -> PacketSocket.open(sys, VethSegment.SLB_IF))) {
            assertThat(socket.mac()).hasToString(segment.slbMac());
        }
    }

    @Test
    void gratuitousArpMovesThePeersNeighbourEntryToTheSlbMac() throws Exception {
        assertOneRoundUpdatesThePeer("198.18.0.100");
    }

    @Test
    void unsolicitedAdvertisementMovesThePeersIpv6NeighbourEntry() throws Exception {
        assertOneRoundUpdatesThePeer("2001:db8::100");
    }

    @Test
    void anUnknownAdapterFailsWithItsErrno() {
        assertThatThrownBy(() -> segment.slb.call(sys, () -> PacketSocket.open(sys, "nosuch0")))
                .isInstanceOf(LinkLayerException.class)
                .hasMessageStartingWith("if_nametoindex nosuch0: ENODEV")
                .satisfies(e -> assertThat(((LinkLayerException) e).errno()).isEqualTo(Errno.ENODEV));
    }

    @Test
    void loopbackIsRefusedAsNotEthernet() {
        assertThatThrownBy(() -> segment.slb.call(sys, () -> PacketSocket.open(sys, "lo")))
                .isInstanceOf(LinkLayerException.class)
                .hasMessage("adapter lo: hardware type 772, address length 6 (expected: 1 (Ethernet), 6)");
    }

    @Test
    void sendingOnADownAdapterFailsWithEnetdown() throws Exception {
        segment.slb.exec("ip", "link", "set", VethSegment.SLB_IF, "down");
        try (PacketSocket socket = segment.slb.call(sys, () -> PacketSocket.open(sys, VethSegment.SLB_IF))) {
            byte[] frame = NeighborAdvertiser.of(InetAddress.getByName("198.18.0.100")).frames(socket.mac()).get(0);

            assertThatThrownBy(() -> socket.send(frame)).isInstanceOf(LinkLayerException.class)
                    .hasMessageStartingWith("sendto slb0: ENETDOWN");
        }
    }

    private void assertOneRoundUpdatesThePeer(String vip) throws Exception {
        segment.seedPeerNeighbour(vip, OLD_MAC);
        assertThat(segment.peerNeighbour(vip)).contains(OLD_MAC);

        try (PacketSocket socket = segment.slb.call(sys, () -> PacketSocket.open(sys, VethSegment.SLB_IF))) {
            NeighborAdvertiser advertiser = NeighborAdvertiser.of(InetAddress.getByName(vip));
            for (byte[] frame : advertiser.frames(socket.mac())) {
                socket.send(frame);
            }
        }

        await().atMost(WAIT).until(() -> segment.peerNeighbour(vip), Optional.of(segment.slbMac())::equals);
    }
}
