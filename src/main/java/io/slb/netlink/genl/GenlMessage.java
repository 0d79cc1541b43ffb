package io.slb.netlink.genl;

import static io.slb.netlink.uapi.GenetlinkH.GENL_HDRLEN;

import io.slb.netlink.AttrReader;
import io.slb.netlink.NetlinkProtocolException;
import io.slb.netlink.NlMessage;
import java.util.function.IntFunction;

/** GenlMessage is one generic netlink reply: its {@link GenlHeader} and the netlink message it came in. */
public record GenlMessage(GenlHeader header, NlMessage message) {
    /** Returns a reader over the attributes after the genlmsghdr, named by {@code names}. */
    public AttrReader attributes(IntFunction<String> names) throws NetlinkProtocolException {
        return message.attributes(GENL_HDRLEN, names);
    }

    /** Decodes the header of {@code message}; throws if it is too short to hold one. */
    public static GenlMessage of(NlMessage message) throws NetlinkProtocolException {
        return new GenlMessage(GenlHeader.decode(message), message);
    }
}
