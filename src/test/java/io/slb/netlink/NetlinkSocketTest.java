package io.slb.netlink;

import static io.slb.netlink.uapi.NetlinkH.NLMSG_DONE;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_ACK;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_CREATE;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_DUMP;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_DUMP_INTR;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_EXCL;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_MULTI;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slb.sys.Errno;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NetlinkSocket's exchange logic (batching, ACKs, dumps, errors, seq and pid checks) over a byte-level fake kernel. */
class NetlinkSocketTest {
    private static final int RTM_NEWADDR = 20;
    private static final int RTM_GETLINK = 18;
    private static final NlRequest ADD =
            NlRequest.of("RTM_NEWADDR", RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, new byte[] {1, 2, 3, 4, 5});
    private static final NlRequest DUMP = NlRequest.dump("RTM_GETLINK", RTM_GETLINK, new byte[16]);

    @Test
    void doRequestIsSentWithRequestAndAckAndEndsAtItsAck() throws Exception {
        FakeNetlink fake = FakeNetlink.serving(FakeNetlink.expect(RTM_NEWADDR,
                NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, req -> List.of(Replies.ack(req))));

        assertThat(socket(fake).execute(ADD)).isEmpty();
        assertThat(fake.requests()).singleElement().satisfies(r -> {
            assertThat(r.seq()).isEqualTo(1);
            assertThat(r.pid()).isZero();
            assertThat(r.payload()).containsExactly(1, 2, 3, 4, 5);
        });
    }

    @Test
    void dataBeforeTheAckIsReturned() throws Exception {
        FakeNetlink fake = FakeNetlink.serving(req -> List.of(Replies.reply(req, 99, new byte[] {7, 0, 0, 0}), Replies.ack(req)));

        assertThat(socket(fake).execute(ADD)).singleElement().satisfies(m -> assertThat(m.type()).isEqualTo(99));
    }

    @Test
    void dumpCollectsMultipartRepliesAcrossDatagramsUntilDone() throws Exception {
        FakeNetlink fake = FakeNetlink.serving(FakeNetlink.expect(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP,
                req -> Replies.multipart(req, 16, List.of(new byte[16], new byte[20], new byte[24]))));
        fake.packAtMost(2);

        List<NlMessage> replies = socket(fake).execute(DUMP);

        assertThat(replies).extracting(NlMessage::payloadLength).containsExactly(16, 20, 24);
        assertThat(replies).allSatisfy(m -> assertThat(m.flags() & NLM_F_MULTI).isEqualTo(NLM_F_MULTI));
    }

    @Test
    void kernelErrorCarriesErrnoOperationSeqAndExtendedAck() {
        FakeNetlink fake = FakeNetlink.serving(req -> List.of(Replies.error(Errno.EEXIST, req, "address already assigned", 24)));

        assertThatThrownBy(() -> socket(fake).execute(ADD)).isInstanceOfSatisfying(NetlinkErrnoException.class, e -> {
            assertThat(e.errno()).isEqualTo(Errno.EEXIST);
            assertThat(e.errnoName()).isEqualTo("EEXIST");
            assertThat(e.source()).isEqualTo(NetlinkErrnoException.Source.KERNEL);
            assertThat(e.operation()).isEqualTo("RTM_NEWADDR");
            assertThat(e.seq()).isEqualTo(1);
            assertThat(e.extAckMessage()).isEqualTo("address already assigned");
            assertThat(e.extAckOffset()).isEqualTo(24);
            assertThat(e).hasMessage("netlink RTM_NEWADDR: EEXIST (17), ext-ack: \"address already assigned\", "
                    + "ext-ack offset 24, seq 1");
        });
    }

    @Test
    void kernelErrorWithoutExtendedAckHasNoText() {
        FakeNetlink fake = FakeNetlink.serving(req -> List.of(Replies.error(Errno.ENOENT, req)));

        assertThatThrownBy(() -> socket(fake).execute(ADD)).isInstanceOfSatisfying(NetlinkErrnoException.class, e -> {
            assertThat(e.extAckMessage()).isNull();
            assertThat(e.extAckOffset()).isEqualTo(NetlinkErrnoException.NO_OFFSET);
            assertThat(e).hasMessage("netlink RTM_NEWADDR: ENOENT (2), seq 1");
        });
    }

    @Test
    void batchIsOneDatagramWithConsecutiveSeqsAndOneAckEach() throws Exception {
        FakeNetlink fake = FakeNetlink.serving(req -> List.of(Replies.ack(req)));
        NetlinkSocket socket = socket(fake);

        assertThat(socket.execute(List.of(ADD, ADD, ADD))).hasSize(3).allSatisfy(r -> assertThat(r).isEmpty());
        assertThat(fake.datagramsSent()).isEqualTo(1);
        assertThat(fake.requests()).extracting(NlMessage::seq).containsExactly(1, 2, 3);
    }

    @Test
    void failureInABatchIsThrownAfterAllAcksSoTheSocketStaysInStep() throws Exception {
        FakeNetlink fake = FakeNetlink.serving(req ->
                List.of(req.seq() % 2 == 0 ? Replies.error(Errno.EEXIST, req) : Replies.ack(req)));
        NetlinkSocket socket = socket(fake);

        assertThatThrownBy(() -> socket.execute(List.of(ADD, ADD, ADD, ADD)))
                .isInstanceOfSatisfying(NetlinkErrnoException.class, e -> {
                    assertThat(e.seq()).isEqualTo(2);
                    assertThat(e.getSuppressed()).singleElement()
                            .satisfies(s -> assertThat(((NetlinkException) s).seq()).isEqualTo(4));
                });
        assertThat(socket.execute(ADD)).isEmpty();
        assertThat(fake.requests()).extracting(NlMessage::seq).endsWith(5);
    }

    @Test
    void replyWithAnotherSeqIsAProtocolErrorAndIsDiscardedBeforeTheNextExchange() throws Exception {
        FakeNetlink fake = FakeNetlink.serving(req -> List.of(Replies.ack(req)));
        fake.queue(FakeNetlink.encode(List.of(new NlMessage(16, 0, 77, FakeNetlink.PORT_ID, new byte[0]))));
        NetlinkSocket socket = socket(fake);

        assertThatThrownBy(() -> socket.execute(ADD)).isInstanceOf(NetlinkProtocolException.class)
                .hasMessage("netlink RTM_NEWADDR: reply seq 77 (expected: 1..1), seq 1");
        assertThat(socket.execute(ADD)).isEmpty();
    }

    @Test
    void replyFromAnotherPortIdIsAProtocolError() {
        FakeNetlink fake = FakeNetlink.serving(req -> List.of(new NlMessage(2, 0, req.seq(), 1, new byte[20])));

        assertThatThrownBy(() -> socket(fake).execute(ADD)).isInstanceOf(NetlinkProtocolException.class)
                .hasMessage("netlink RTM_NEWADDR: reply port id 1 (expected: 4242), seq 1");
    }

    @Test
    void shortErrorMessageIsAProtocolError() {
        FakeNetlink fake = FakeNetlink.serving(req -> List.of(new NlMessage(2, 0, req.seq(), FakeNetlink.PORT_ID, new byte[4])));

        assertThatThrownBy(() -> socket(fake).execute(ADD)).isInstanceOf(NetlinkProtocolException.class)
                .hasMessage("netlink RTM_NEWADDR: NLMSG_ERROR: payload 4 bytes (expected: >= 20), seq 1");
    }

    @Test
    void failedSendIsASyscallError() {
        FakeNetlink fake = FakeNetlink.serving(req -> List.of(Replies.ack(req)));
        fake.failNextSend(Errno.ENOBUFS);

        assertThatThrownBy(() -> socket(fake).execute(ADD)).isInstanceOfSatisfying(NetlinkErrnoException.class, e -> {
            assertThat(e.source()).isEqualTo(NetlinkErrnoException.Source.SYSCALL);
            assertThat(e.syscall()).isEqualTo("sendto");
            assertThat(e).hasMessage("netlink RTM_NEWADDR: sendto: ENOBUFS (105), seq 1");
        });
    }

    @Test
    void missingReplyEndsInAReceiveTimeoutNotAHang() {
        FakeNetlink fake = FakeNetlink.serving(req -> List.of());

        assertThatThrownBy(() -> socket(fake).execute(ADD)).isInstanceOfSatisfying(NetlinkErrnoException.class, e -> {
            assertThat(e.syscall()).isEqualTo("recvfrom");
            assertThat(e.errno()).isEqualTo(Errno.EAGAIN);
        });
    }

    @Test
    void truncatedDatagramIsAProtocolError() {
        FakeNetlink fake = FakeNetlink.serving(req -> List.of(Replies.reply(req, 99, new byte[NetlinkSocket.RECEIVE_BUFFER_SIZE])));

        assertThatThrownBy(() -> socket(fake).execute(ADD)).isInstanceOf(NetlinkProtocolException.class)
                .hasMessageContaining("truncated (expected: <= 65536)");
    }

    @Test
    void interruptedDumpIsEintrAfterTheDumpEnds() {
        FakeNetlink fake = FakeNetlink.serving(req -> List.of(
                new NlMessage(16, NLM_F_MULTI | NLM_F_DUMP_INTR, req.seq(), FakeNetlink.PORT_ID, new byte[16]), Replies.done(req)));

        assertThatThrownBy(() -> socket(fake).execute(DUMP)).isInstanceOfSatisfying(NetlinkErrnoException.class,
                e -> assertThat(e.errno()).isEqualTo(Errno.EINTR));
    }

    @Test
    void dumpFailingMidwayCarriesTheErrnoFromDone() {
        byte[] error = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(-Errno.ENOBUFS).array();
        FakeNetlink fake = FakeNetlink.serving(req ->
                List.of(new NlMessage(NLMSG_DONE, NLM_F_MULTI, req.seq(), FakeNetlink.PORT_ID, error)));

        assertThatThrownBy(() -> socket(fake).execute(DUMP)).isInstanceOfSatisfying(NetlinkErrnoException.class,
                e -> assertThat(e.errnoName()).isEqualTo("ENOBUFS"));
    }

    @Test
    void dumpMustBeAlone() {
        NetlinkSocket socket = socket(FakeNetlink.serving(req -> List.of(Replies.ack(req))));

        assertThatThrownBy(() -> socket.execute(List.of(ADD, DUMP))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closeClosesTheTransport() {
        FakeNetlink fake = FakeNetlink.serving(req -> List.of());
        socket(fake).close();

        assertThat(fake.closed()).isTrue();
    }

    private static NetlinkSocket socket(FakeNetlink fake) {
        return NetlinkSocket.over(fake);
    }
}
