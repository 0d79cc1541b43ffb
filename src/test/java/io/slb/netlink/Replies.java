package io.slb.netlink;

import static io.slb.netlink.uapi.NetlinkH.NLMSGERR_ATTR_MSG;
import static io.slb.netlink.uapi.NetlinkH.NLMSGERR_ATTR_OFFS;
import static io.slb.netlink.uapi.NetlinkH.NLMSG_DONE;
import static io.slb.netlink.uapi.NetlinkH.NLMSG_ERROR;
import static io.slb.netlink.uapi.NetlinkH.NLMSG_HDRLEN;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_ACK_TLVS;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_CAPPED;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_MULTI;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Replies builds the messages a kernel sends back to a request, stamped with the request's sequence
 * number and {@link FakeNetlink#PORT_ID}, encoded as the kernel does with NETLINK_CAP_ACK on
 * (NLMSG_ERROR carries only the request's header).
 */
public final class Replies {
    private Replies() {}

    /** Returns the ACK (NLMSG_ERROR with error 0). */
    public static NlMessage ack(NlMessage request) {
        return nlmsgerr(request, 0, NLM_F_CAPPED, new byte[0]);
    }

    /** Returns the kernel's refusal with {@code errno} and no extended ack. */
    public static NlMessage error(int errno, NlMessage request) {
        return nlmsgerr(request, -errno, NLM_F_CAPPED, new byte[0]);
    }

    /** Returns the kernel's refusal with {@code errno}, NLMSGERR_ATTR_MSG and NLMSGERR_ATTR_OFFS. */
    public static NlMessage error(int errno, NlMessage request, String extAck, int offset) {
        byte[] tlvs = new AttrWriter().string(NLMSGERR_ATTR_MSG, extAck).u32(NLMSGERR_ATTR_OFFS, offset).toBytes();
        return nlmsgerr(request, -errno, NLM_F_CAPPED | NLM_F_ACK_TLVS, tlvs);
    }

    /** Returns one (not multipart) data reply. */
    public static NlMessage reply(NlMessage request, int type, byte[] payload) {
        return new NlMessage(type, 0, request.seq(), FakeNetlink.PORT_ID, payload);
    }

    /** Returns a dump's replies: one NLM_F_MULTI message per payload, then NLMSG_DONE. */
    public static List<NlMessage> multipart(NlMessage request, int type, List<byte[]> payloads) {
        List<NlMessage> out = new ArrayList<>();
        for (byte[] p : payloads) {
            out.add(new NlMessage(type, NLM_F_MULTI, request.seq(), FakeNetlink.PORT_ID, p));
        }
        out.add(done(request));
        return out;
    }

    /** Returns NLMSG_DONE (with error 0). */
    public static NlMessage done(NlMessage request) {
        return new NlMessage(NLMSG_DONE, NLM_F_MULTI, request.seq(), FakeNetlink.PORT_ID, new byte[4]);
    }

    private static NlMessage nlmsgerr(NlMessage request, int error, int flags, byte[] tlvs) {
        ByteBuffer b = ByteBuffer.allocate(4 + NLMSG_HDRLEN + tlvs.length).order(ByteOrder.nativeOrder());
        b.putInt(error).putInt(NLMSG_HDRLEN + request.payloadLength()).putShort((short) request.type())
                .putShort((short) request.flags()).putInt(request.seq()).putInt(request.pid()).put(tlvs);
        return new NlMessage(NLMSG_ERROR, flags, request.seq(), FakeNetlink.PORT_ID, b.array());
    }
}
