package io.slb.netlink.genl;

import static io.slb.netlink.uapi.GenetlinkH.CTRL_ATTR_FAMILY_ID;
import static io.slb.netlink.uapi.GenetlinkH.CTRL_ATTR_FAMILY_NAME;
import static io.slb.netlink.uapi.GenetlinkH.CTRL_ATTR_MAXATTR;
import static io.slb.netlink.uapi.GenetlinkH.CTRL_ATTR_MCAST_GROUPS;
import static io.slb.netlink.uapi.GenetlinkH.CTRL_ATTR_MCAST_GRP_ID;
import static io.slb.netlink.uapi.GenetlinkH.CTRL_ATTR_MCAST_GRP_NAME;
import static io.slb.netlink.uapi.GenetlinkH.CTRL_ATTR_VERSION;
import static io.slb.netlink.uapi.GenetlinkH.CTRL_CMD_GETFAMILY;
import static io.slb.netlink.uapi.GenetlinkH.CTRL_CMD_NEWFAMILY;
import static io.slb.netlink.uapi.GenetlinkH.GENL_ID_CTRL;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_ACK;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_DUMP;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slb.netlink.AttrReader;
import io.slb.netlink.AttrWriter;
import io.slb.netlink.FakeNetlink;
import io.slb.netlink.NetlinkErrnoException;
import io.slb.netlink.NetlinkProtocolException;
import io.slb.netlink.NetlinkSocket;
import io.slb.netlink.NlMessage;
import io.slb.netlink.Replies;
import io.slb.sys.Errno;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** GenlConnection over a byte-level fake kernel that serves a family "TEST" with id 0x1c. */
class GenlConnectionTest {
    private static final int FAMILY_ID = 0x1c;
    private static final int CMD_PING = 1;
    private static final int ATTR_VALUE = 1;
    private static final IntFunction<String> COMMANDS = cmd -> cmd == CMD_PING ? "TEST_CMD_PING" : "TEST_CMD";

    private final List<String> askedFamilies = new ArrayList<>();

    @Test
    void openResolvesTheFamilyWithItsGroups() throws Exception {
        GenlConnection c = GenlConnection.open(NetlinkSocket.over(kernel(ping())), "TEST", COMMANDS);

        assertThat(c.family()).isEqualTo(new GenlFamily(FAMILY_ID, "TEST", 2, 0, 9, java.util.Map.of("events", 7)));
        assertThat(askedFamilies).containsExactly("TEST");
    }

    @Test
    void executeSendsHeaderAndAttributesToTheFamily() throws Exception {
        List<NlMessage> seen = new ArrayList<>();
        GenlConnection c = GenlConnection.open(NetlinkSocket.over(kernel(req -> {
            seen.add(req);
            return List.of(Replies.reply(req, FAMILY_ID, req.payload()), Replies.ack(req));
        })), "TEST", COMMANDS);

        List<GenlMessage> replies = c.execute(CMD_PING, 1, 0, w -> w.u32(ATTR_VALUE, 42));

        assertThat(seen).singleElement().satisfies(req -> {
            assertThat(req.type()).isEqualTo(FAMILY_ID);
            assertThat(req.flags()).isEqualTo(NLM_F_REQUEST | NLM_F_ACK);
        });
        GenlMessage reply = replies.get(0);
        assertThat(reply.header()).isEqualTo(new GenlHeader(CMD_PING, 1));
        AttrReader r = reply.attributes(AttrReader.UNNAMED);
        assertThat(r.next()).isTrue();
        assertThat(r.u32()).isEqualTo(42);
    }

    @Test
    void dumpIsSentAsADump() throws Exception {
        GenlConnection c = GenlConnection.open(NetlinkSocket.over(kernel(FakeNetlink.expect(FAMILY_ID, NLM_F_REQUEST | NLM_F_DUMP,
                req -> Replies.multipart(req, FAMILY_ID, List.of(new GenlHeader(CMD_PING, 1).encode()))))), "TEST", COMMANDS);

        assertThat(c.dump(CMD_PING, 1, w -> { })).extracting(GenlMessage::header).containsExactly(new GenlHeader(CMD_PING, 1));
    }

    @Test
    void kernelErrorIsNamedAfterTheCommand() throws Exception {
        GenlConnection c = GenlConnection.open(NetlinkSocket.over(kernel(req -> List.of(Replies.error(Errno.EINVAL, req)))),
                "TEST", COMMANDS);

        assertThatThrownBy(() -> c.execute(CMD_PING, 1, 0, w -> { }))
                .isInstanceOf(NetlinkErrnoException.class).hasMessage("netlink TEST_CMD_PING: EINVAL (22), seq 2");
    }

    @Test
    void batchOfCommandsIsOneDatagram() throws Exception {
        FakeNetlink fake = kernel(req -> List.of(Replies.ack(req)));
        GenlConnection c = GenlConnection.open(NetlinkSocket.over(fake), "TEST", COMMANDS);

        c.executeAll(List.of(c.request(CMD_PING, 1, 0, w -> w.u32(ATTR_VALUE, 1)),
                c.request(CMD_PING, 1, 0, w -> w.u32(ATTR_VALUE, 2))));

        assertThat(fake.datagramsSent()).isEqualTo(2);
        assertThat(fake.requests()).hasSize(3);
    }

    @Test
    void replyOfAnotherFamilyIsAProtocolError() throws Exception {
        GenlConnection c = GenlConnection.open(NetlinkSocket.over(kernel(req ->
                List.of(Replies.reply(req, FAMILY_ID + 1, new byte[4]), Replies.ack(req)))), "TEST", COMMANDS);

        assertThatThrownBy(() -> c.execute(CMD_PING, 1, 0, w -> { })).isInstanceOf(NetlinkProtocolException.class)
                .hasMessage("netlink TEST_CMD_PING: reply type 29 (expected: family id 28), seq 2");
    }

    @Test
    void unknownFamilyIsEnoentAndClosesTheSocket() {
        FakeNetlink fake = kernel(ping());

        assertThatThrownBy(() -> GenlConnection.open(NetlinkSocket.over(fake), "NOPE", COMMANDS))
                .isInstanceOfSatisfying(NetlinkErrnoException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("ENOENT");
                    assertThat(e.operation()).isEqualTo("CTRL_CMD_GETFAMILY NOPE");
                });
        assertThat(fake.closed()).isTrue();
    }

    @Test
    void familyReplyWithoutIdIsAProtocolError() {
        FakeNetlink fake = FakeNetlink.serving(req -> List.of(Replies.reply(req, GENL_ID_CTRL,
                AttrWriter.withHeader(new GenlHeader(CTRL_CMD_NEWFAMILY, 2).encode()).string(CTRL_ATTR_FAMILY_NAME, "TEST").toBytes()),
                Replies.ack(req)));

        assertThatThrownBy(() -> GenlConnection.open(NetlinkSocket.over(fake), "TEST", COMMANDS))
                .isInstanceOf(NetlinkProtocolException.class)
                .hasMessage("netlink CTRL_CMD_GETFAMILY TEST: CTRL_CMD_NEWFAMILY TEST: no CTRL_ATTR_FAMILY_ID, seq 1");
    }

    @Test
    void familyNameLongerThanGenlNamsizIsRefused() {
        assertThatThrownBy(() -> GenlConnection.resolve(NetlinkSocket.over(kernel(ping())), "a-name-of-16-byt"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Function<NlMessage, List<NlMessage>> ping() {
        return req -> List.of(Replies.ack(req));
    }

    /** Returns a fake kernel whose controller knows family "TEST" and passes its requests to {@code family}. */
    private FakeNetlink kernel(Function<NlMessage, List<NlMessage>> family) {
        return FakeNetlink.serving(req -> req.type() == GENL_ID_CTRL ? controller(req) : family.apply(req));
    }

    private List<NlMessage> controller(NlMessage req) {
        try {
            GenlMessage m = GenlMessage.of(req);
            assertThat(m.header().cmd()).isEqualTo(CTRL_CMD_GETFAMILY);
            assertThat(req.flags()).isEqualTo(NLM_F_REQUEST | NLM_F_ACK);
            AttrReader r = m.attributes(AttrReader.UNNAMED);
            assertThat(r.next()).isTrue();
            String name = r.string();
            askedFamilies.add(name);
            if (!name.equals("TEST")) {
                return List.of(Replies.error(Errno.ENOENT, req));
            }
            byte[] family = AttrWriter.withHeader(new GenlHeader(CTRL_CMD_NEWFAMILY, 2).encode())
                    .u16(CTRL_ATTR_FAMILY_ID, FAMILY_ID).string(CTRL_ATTR_FAMILY_NAME, "TEST")
                    .u32(CTRL_ATTR_VERSION, 2).u32(CTRL_ATTR_MAXATTR, 9)
                    .nested(CTRL_ATTR_MCAST_GROUPS, groups -> groups.nested(1, g -> g
                            .u32(CTRL_ATTR_MCAST_GRP_ID, 7).string(CTRL_ATTR_MCAST_GRP_NAME, "events")))
                    .toBytes();
            return List.of(Replies.reply(req, GENL_ID_CTRL, family), Replies.ack(req));
        } catch (NetlinkProtocolException e) {
            throw new AssertionError(e);
        }
    }
}
