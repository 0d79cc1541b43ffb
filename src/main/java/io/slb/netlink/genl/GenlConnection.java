package io.slb.netlink.genl;

import static io.slb.netlink.uapi.GenetlinkH.CTRL_ATTR_FAMILY_NAME;
import static io.slb.netlink.uapi.GenetlinkH.CTRL_CMD_GETFAMILY;
import static io.slb.netlink.uapi.GenetlinkH.GENL_ID_CTRL;
import static io.slb.netlink.uapi.GenetlinkH.GENL_NAMSIZ;

import io.slb.netlink.AttrWriter;
import io.slb.netlink.NetlinkException;
import io.slb.netlink.NetlinkProtocolException;
import io.slb.netlink.NetlinkSocket;
import io.slb.netlink.NlMessage;
import io.slb.netlink.NlRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * GenlConnection talks to one generic netlink family over a NETLINK_GENERIC {@link NetlinkSocket}: it
 * resolves the family's id once when opened, then every command goes through {@link #execute} (a "do"
 * request, ended by its ACK), {@link #dump}, or {@link #executeAll} (a batch in one datagram). Replies
 * are checked to carry the family's id. Errors name the command through the caller's names
 * ({@code IPVS_CMD_NEW_SERVICE}). NB: NOT thread safe, like its socket, which it owns and closes.
 */
public final class GenlConnection implements AutoCloseable {
    /** CTRL_VERSION is the genlmsghdr version sent to the controller; it accepts any, and 1 is what genl tools send. */
    private static final int CTRL_VERSION = 1;

    private static final Logger log = LogManager.getLogger();

    private final NetlinkSocket socket;
    private final GenlFamily family;
    private final IntFunction<String> commandNames;

    private GenlConnection(NetlinkSocket socket, GenlFamily family, IntFunction<String> commandNames) {
        this.socket = socket;
        this.family = family;
        this.commandNames = commandNames;
    }

    /**
     * Resolves {@code familyName} on {@code socket} and returns a connection that owns the socket. If
     * resolution fails the socket is closed and the failure thrown: NetlinkErrnoException ENOENT when
     * the kernel has no such family (e.g. the module is not loaded).
     */
    public static GenlConnection open(NetlinkSocket socket, String familyName, IntFunction<String> commandNames)
            throws NetlinkException {
        try {
            GenlFamily family = resolve(socket, familyName);
            log.debug("generic netlink family {} resolved: id {}, version {}, maxattr {}", family.name(), family.id(),
                    family.version(), family.maxAttr());
            return new GenlConnection(socket, family, commandNames);
        } catch (NetlinkException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Asks the controller (CTRL_CMD_GETFAMILY) for the family named {@code name}. */
    public static GenlFamily resolve(NetlinkSocket socket, String name) throws NetlinkException {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length >= GENL_NAMSIZ) {
            throw new IllegalArgumentException("family name: \"" + name + "\" (expected: 1.." + (GENL_NAMSIZ - 1) + " bytes)");
        }
        String operation = "CTRL_CMD_GETFAMILY " + name;
        byte[] payload = AttrWriter.withHeader(new GenlHeader(CTRL_CMD_GETFAMILY, CTRL_VERSION).encode())
                .string(CTRL_ATTR_FAMILY_NAME, name).toBytes();
        List<NlMessage> replies = socket.execute(NlRequest.of(operation, GENL_ID_CTRL, 0, payload));
        if (replies.size() != 1) {
            throw new NetlinkProtocolException(operation, NetlinkException.NO_SEQ, replies.size() + " replies (expected: 1)");
        }
        try {
            return GenlFamily.decode(GenlMessage.of(checkType(GENL_ID_CTRL, replies.get(0))));
        } catch (NetlinkProtocolException e) {
            throw new NetlinkProtocolException(operation, Integer.toUnsignedLong(replies.get(0).seq()), e);
        }
    }

    /** Returns the family as the kernel reported it when this connection was opened. */
    public GenlFamily family() {
        return family;
    }

    /** Returns a "do" request for command {@code cmd}, to pass to {@link #executeAll}. */
    public NlRequest request(int cmd, int version, int flags, Consumer<AttrWriter> attrs) {
        return NlRequest.of(commandNames.apply(cmd), family.id(), flags, payload(cmd, version, attrs));
    }

    /** Executes command {@code cmd} as a "do" request and returns its replies (many commands have none). */
    public List<GenlMessage> execute(int cmd, int version, int flags, Consumer<AttrWriter> attrs) throws NetlinkException {
        return executeAll(List.of(request(cmd, version, flags, attrs))).get(0);
    }

    /** Executes command {@code cmd} as a dump and returns every reply; an empty dump is an empty list. */
    public List<GenlMessage> dump(int cmd, int version, Consumer<AttrWriter> attrs) throws NetlinkException {
        NlRequest request = NlRequest.dump(commandNames.apply(cmd), family.id(), payload(cmd, version, attrs));
        return decode(request.operation(), socket.execute(request));
    }

    /**
     * Sends {@code requests} (from {@link #request}) in one datagram and returns each one's replies;
     * see {@link NetlinkSocket#execute(List)} for how failures are reported.
     */
    public List<List<GenlMessage>> executeAll(List<NlRequest> requests) throws NetlinkException {
        List<List<NlMessage>> replies = socket.execute(requests);
        List<List<GenlMessage>> out = new ArrayList<>(replies.size());
        for (int i = 0; i < replies.size(); i++) {
            out.add(decode(requests.get(i).operation(), replies.get(i)));
        }
        return out;
    }

    /** Closes the socket; idempotent. */
    @Override
    public void close() {
        socket.close();
    }

    private static byte[] payload(int cmd, int version, Consumer<AttrWriter> attrs) {
        AttrWriter w = AttrWriter.withHeader(new GenlHeader(cmd, version).encode());
        attrs.accept(w);
        return w.toBytes();
    }

    private List<GenlMessage> decode(String operation, List<NlMessage> replies) throws NetlinkProtocolException {
        List<GenlMessage> out = new ArrayList<>(replies.size());
        for (NlMessage m : replies) {
            try {
                out.add(GenlMessage.of(checkType(family.id(), m)));
            } catch (NetlinkProtocolException e) {
                throw new NetlinkProtocolException(operation, Integer.toUnsignedLong(m.seq()), e);
            }
        }
        return out;
    }

    private static NlMessage checkType(int familyId, NlMessage m) throws NetlinkProtocolException {
        if (m.type() != familyId) {
            throw new NetlinkProtocolException("reply type " + m.type() + " (expected: family id " + familyId + ")");
        }
        return m;
    }
}
