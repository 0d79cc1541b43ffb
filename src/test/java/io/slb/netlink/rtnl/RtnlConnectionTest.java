package io.slb.netlink.rtnl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slb.netlink.FakeNetlink;
import io.slb.netlink.NetlinkErrnoException;
import io.slb.netlink.NetlinkSocket;
import io.slb.netlink.NlMessage;
import io.slb.netlink.Replies;
import io.slb.netlink.uapi.IfH;
import io.slb.netlink.uapi.NetlinkH;
import io.slb.netlink.uapi.RtnetlinkH;
import io.slb.sys.Errno;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Which kernel answers RtnlConnection treats as done, over a byte-level fake kernel. */
class RtnlConnectionTest {
    private static final int IFINDEX = 3;

    @Test
    void ensureAddressSendsCreateExclAndReportsAnAdd() throws Exception {
        FakeNetlink fake = FakeNetlink.serving(FakeNetlink.expect(RtnetlinkH.RTM_NEWADDR,
                NetlinkH.NLM_F_REQUEST | NetlinkH.NLM_F_ACK | NetlinkH.NLM_F_CREATE | NetlinkH.NLM_F_EXCL,
                req -> List.of(Replies.ack(req))));

        assertThat(rtnl(fake).ensureAddress(IFINDEX, InetAddress.getByName("198.18.0.1"), 32)).isTrue();
    }

    @Test
    void ensureAddressTreatsEexistAsDone() throws Exception {
        assertThat(rtnl(answering(Errno.EEXIST)).ensureAddress(IFINDEX, InetAddress.getByName("2001:db8::1"), 128)).isFalse();
    }

    @Test
    void ensureAddressPassesOtherRefusalsOn() {
        assertThatThrownBy(() -> rtnl(answering(Errno.ENODEV)).ensureAddress(IFINDEX, InetAddress.getByName("198.18.0.1"), 32))
                .isInstanceOfSatisfying(NetlinkErrnoException.class, e -> assertThat(e.errnoName()).isEqualTo("ENODEV"));
    }

    @Test
    void removeAddressTreatsEaddrnotavailAndEnoentAsDone() throws Exception {
        InetAddress vip = InetAddress.getByName("198.18.0.1");

        assertThat(rtnl(answering(Errno.EADDRNOTAVAIL)).removeAddress(IFINDEX, vip, 32)).isFalse();
        assertThat(rtnl(answering(Errno.ENOENT)).removeAddress(IFINDEX, vip, 32)).isFalse();
    }

    @Test
    void removeAddressSendsDeladdr() throws Exception {
        FakeNetlink fake = FakeNetlink.serving(FakeNetlink.expect(RtnetlinkH.RTM_DELADDR,
                NetlinkH.NLM_F_REQUEST | NetlinkH.NLM_F_ACK, req -> List.of(Replies.ack(req))));

        assertThat(rtnl(fake).removeAddress(IFINDEX, InetAddress.getByName("198.18.0.1"), 32)).isTrue();
    }

    @Test
    void rawAddPassesEexistOn() throws Exception {
        IfAddress vip = IfAddress.vip(IFINDEX, InetAddress.getByName("198.18.0.1"), 32);

        assertThatThrownBy(() -> rtnl(answering(Errno.EEXIST)).addAddress(vip))
                .isInstanceOf(NetlinkErrnoException.class).hasMessageStartingWith("netlink RTM_NEWADDR: EEXIST (17)");
    }

    @Test
    void batchedAddIsOneDatagram() throws Exception {
        FakeNetlink fake = FakeNetlink.serving(req -> List.of(Replies.ack(req)));

        rtnl(fake).addAddresses(List.of(IfAddress.vip(IFINDEX, InetAddress.getByName("198.18.0.1"), 32),
                IfAddress.vip(IFINDEX, InetAddress.getByName("198.18.0.2"), 32)));

        assertThat(fake.datagramsSent()).isEqualTo(1);
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void unknownLinkNameIsEmpty() throws Exception {
        assertThat(rtnl(answering(Errno.ENODEV)).link("nope")).isEmpty();
    }

    @Test
    void setUpSendsIffUpInFlagsAndChange() throws Exception {
        FakeNetlink fake = FakeNetlink.serving(req -> List.of(Replies.ack(req)));

        rtnl(fake).setUp(IFINDEX, true);

        NlMessage sent = fake.requests().get(0);
        assertThat(sent.type()).isEqualTo(RtnetlinkH.RTM_NEWLINK);
        assertThat(sent.payloadBuffer().getInt(4)).isEqualTo(IFINDEX);
        assertThat(sent.payloadBuffer().getInt(8)).as("ifi_flags").isEqualTo(IfH.IFF_UP);
        assertThat(sent.payloadBuffer().getInt(12)).as("ifi_change").isEqualTo(IfH.IFF_UP);
    }

    private static FakeNetlink answering(int errno) {
        Function<NlMessage, List<NlMessage>> refuse = req -> List.of(Replies.error(errno, req));
        return FakeNetlink.serving(refuse);
    }

    private static RtnlConnection rtnl(FakeNetlink fake) {
        return RtnlConnection.over(NetlinkSocket.over(fake));
    }
}
