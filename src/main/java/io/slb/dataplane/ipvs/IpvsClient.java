package io.slb.dataplane.ipvs;

import static io.slb.netlink.uapi.IpVsH.IPVS_CMD_ATTR_SERVICE;
import static io.slb.netlink.uapi.IpVsH.IPVS_CMD_FLUSH;
import static io.slb.netlink.uapi.IpVsH.IPVS_CMD_GET_DEST;
import static io.slb.netlink.uapi.IpVsH.IPVS_CMD_GET_SERVICE;
import static io.slb.netlink.uapi.IpVsH.IPVS_GENL_NAME;
import static io.slb.netlink.uapi.IpVsH.IPVS_GENL_VERSION;
import static io.slb.netlink.uapi.NetlinkH.NETLINK_GENERIC;

import io.slb.netlink.NetlinkErrnoException;
import io.slb.netlink.NetlinkException;
import io.slb.netlink.NetlinkSocket;
import io.slb.netlink.NlRequest;
import io.slb.netlink.genl.GenlConnection;
import io.slb.netlink.genl.GenlMessage;
import io.slb.sys.Errno;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * IpvsClient reads and changes the kernel's IPVS table over generic netlink. Every change goes
 * through one path: {@link IpvsCodec} packs the {@link IpvsOp} and {@link GenlConnection} executes
 * it; {@link #applyAll} sends many in batches of one datagram each. Calls block for the duration of
 * one netlink exchange; methods throw {@link NetlinkException} carrying the command and errno name
 * ({@code netlink IPVS_CMD_NEW_DEST: EEXIST (17), seq 12}).
 *
 * <p>NB: NOT thread safe, like its socket: run every call on one thread, e.g. one
 * {@code Schedulers.newSingle} per client.
 */
public final class IpvsClient implements AutoCloseable {
    /**
     * MAX_BATCH bounds the requests sent in one datagram. The kernel queues one ACK per request on our
     * socket before we read any, each costing about 1 KiB of the default 208 KiB receive buffer
     * (net.core.rmem_default); past that ACKs would be dropped with ENOBUFS.
     */
    static final int MAX_BATCH = 64;

    private final GenlConnection connection;

    private IpvsClient(GenlConnection connection) {
        this.connection = connection;
    }

    /**
     * Opens a client in the calling thread's network namespace. Throws NetlinkErrnoException ENOENT
     * when the kernel has no IPVS family (ip_vs not loaded), or another error opening the socket.
     */
    public static IpvsClient open() throws NetlinkException {
        return new IpvsClient(GenlConnection.open(NetlinkSocket.open(NETLINK_GENERIC), IPVS_GENL_NAME, IpvsNames.COMMANDS));
    }

    /** Returns a client over {@code connection} to the IPVS family, which it then owns. */
    public static IpvsClient over(GenlConnection connection) {
        return new IpvsClient(connection);
    }

    /** Returns every service in the kernel, in its order; an empty table is an empty list. */
    public List<ServiceEntry> dumpServices() throws NetlinkException {
        List<ServiceEntry> services = new ArrayList<>();
        for (GenlMessage reply : connection.dump(IPVS_CMD_GET_SERVICE, IPVS_GENL_VERSION, w -> { })) {
            services.add(IpvsCodec.service(reply));
        }
        return services;
    }

    /** Returns the service with {@code key}, or empty when the kernel has none (ESRCH). */
    public Optional<ServiceEntry> service(VirtualServiceKey key) throws NetlinkException {
        try {
            List<GenlMessage> replies = connection.execute(IPVS_CMD_GET_SERVICE, IPVS_GENL_VERSION, 0,
                    w -> w.nested(IPVS_CMD_ATTR_SERVICE, s -> IpvsCodec.packServiceKey(s, key)));
            return replies.isEmpty() ? Optional.empty() : Optional.of(IpvsCodec.service(replies.get(0)));
        } catch (NetlinkErrnoException e) {
            if (e.source() == NetlinkErrnoException.Source.KERNEL && e.errno() == Errno.ESRCH) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Returns the destinations of the service with {@code key}; none (also when there is no such service). */
    public List<DestinationEntry> dumpDestinations(VirtualServiceKey key) throws NetlinkException {
        List<DestinationEntry> destinations = new ArrayList<>();
        for (GenlMessage reply : connection.dump(IPVS_CMD_GET_DEST, IPVS_GENL_VERSION,
                w -> w.nested(IPVS_CMD_ATTR_SERVICE, s -> IpvsCodec.packServiceKey(s, key)))) {
            destinations.add(IpvsCodec.destination(reply, key.family()));
        }
        return destinations;
    }

    /** Returns the service with {@code key} and its destinations, or empty when there is no such service. */
    public Optional<ServiceState> state(VirtualServiceKey key) throws NetlinkException {
        Optional<ServiceEntry> service = service(key);
        if (service.isEmpty()) {
            return Optional.empty();
        }
        List<Destination> destinations = dumpDestinations(key).stream().map(DestinationEntry::destination).toList();
        return Optional.of(new ServiceState(service.get().service(), destinations));
    }

    /** Performs {@code op}. */
    public void apply(IpvsOp op) throws NetlinkException {
        connection.executeAll(List.of(request(op)));
    }

    /**
     * Performs {@code ops} in order, {@link #MAX_BATCH} per datagram. The kernel handles each on its
     * own, so after a failure the rest of its batch is still applied; the first failure is thrown
     * (later ones of its batch suppressed) and later batches are not sent.
     */
    public void applyAll(List<IpvsOp> ops) throws NetlinkException {
        for (int from = 0; from < ops.size(); from += MAX_BATCH) {
            List<NlRequest> batch = new ArrayList<>();
            for (IpvsOp op : ops.subList(from, Math.min(ops.size(), from + MAX_BATCH))) {
                batch.add(request(op));
            }
            connection.executeAll(batch);
        }
    }

    /** Removes every service and destination (IPVS_CMD_FLUSH, {@code ipvsadm -C}); for tests and benchmarks. */
    public void flush() throws NetlinkException {
        connection.execute(IPVS_CMD_FLUSH, IPVS_GENL_VERSION, 0, w -> { });
    }

    /** Closes the socket; idempotent. */
    @Override
    public void close() {
        connection.close();
    }

    private NlRequest request(IpvsOp op) {
        return connection.request(IpvsCodec.command(op), IPVS_GENL_VERSION, 0, w -> IpvsCodec.pack(w, op));
    }
}
