package io.slb.netlink;

import static io.slb.netlink.uapi.NetlinkH.NLMSG_DONE;
import static io.slb.netlink.uapi.NetlinkH.NLMSG_ERROR;
import static io.slb.netlink.uapi.NetlinkH.NLMSG_NOOP;
import static io.slb.netlink.uapi.NetlinkH.NLMSG_OVERRUN;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_DUMP_INTR;

import io.slb.sys.Errno;
import io.slb.sys.Syscalls;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;

/**
 * NetlinkSocket exchanges requests and replies with the kernel over one netlink socket.
 * {@link #execute(List)} stamps consecutive sequence numbers on the requests, sends them in one
 * datagram, then receives until every request has ended (its ACK or NLMSG_ERROR, or NLMSG_DONE for a
 * dump), checking that each reply carries one of those sequence numbers and this socket's port id.
 *
 * <p>NB: one instance is NOT thread safe: callers serialize their calls, e.g. by running them on one
 * {@code Schedulers.newSingle(...)} per socket. Calls block the calling thread for at most the receive
 * timeout per datagram. After a failed exchange the socket discards stale replies before the next one.
 */
public final class NetlinkSocket implements AutoCloseable {
    /**
     * DEFAULT_RECEIVE_TIMEOUT bounds one wait for a datagram. The kernel answers netlink requests
     * synchronously within the send or receive call, so a reply missing after seconds will never come.
     */
    public static final Duration DEFAULT_RECEIVE_TIMEOUT = Duration.ofSeconds(5);
    /**
     * RECEIVE_BUFFER_SIZE: a smaller buffer truncates messages (MSG_TRUNC); the kernel sizes dump
     * datagrams up to 32 KiB, so 64 KiB always fits (build-spike.md §7, like mdlayher/netlink).
     */
    static final int RECEIVE_BUFFER_SIZE = 64 * 1024;

    private static final Logger log = LogManager.getLogger();

    private final NetlinkTransport transport;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(RECEIVE_BUFFER_SIZE);
    private int nextSeq = 1;
    private boolean mayHaveStaleReplies;

    private NetlinkSocket(NetlinkTransport transport) {
        this.transport = transport;
    }

    /**
     * Opens a socket of netlink {@code protocol} (NetlinkH.NETLINK_ROUTE, NETLINK_GENERIC) in the calling
     * thread's network namespace; it stays in that namespace for its whole life.
     */
    public static NetlinkSocket open(int protocol) throws NetlinkErrnoException {
        return new NetlinkSocket(LibcTransport.open(Syscalls.load(), protocol, DEFAULT_RECEIVE_TIMEOUT));
    }

    /** Returns a socket over {@code transport}, which it then owns (closes). */
    public static NetlinkSocket over(NetlinkTransport transport) {
        return new NetlinkSocket(transport);
    }

    /** Returns the port id the kernel assigned to this socket. */
    public int portId() {
        return transport.portId();
    }

    /** Executes one request and returns its replies (without ACK and DONE); see {@link #execute(List)}. */
    public List<NlMessage> execute(NlRequest request) throws NetlinkException {
        return execute(List.of(request)).get(0);
    }

    /**
     * Sends {@code requests} in one datagram and returns each one's replies, in request order, without
     * the ACKs and NLMSG_DONE. The kernel handles each message on its own: when one fails, the others
     * are still applied. After all have ended, throws the first failure in request order (the rest
     * suppressed): {@link NetlinkErrnoException} from the kernel or a syscall, or
     * {@link NetlinkProtocolException} for a malformed reply or a wrong sequence number or port id.
     * A dump must be the only request of its batch (IllegalArgumentException otherwise).
     */
    public List<List<NlMessage>> execute(List<NlRequest> requests) throws NetlinkException {
        if (requests.isEmpty()) {
            return List.of();
        }
        if (requests.size() > 1 && requests.stream().anyMatch(NlRequest::dump)) {
            throw new IllegalArgumentException("requests: a dump among " + requests.size() + " (expected: a dump alone)");
        }
        discardStaleReplies();
        Exchange exchange = new Exchange(requests, nextSeq);
        nextSeq += requests.size();
        mayHaveStaleReplies = true;
        send(exchange);
        while (!exchange.ended()) {
            for (NlMessage reply : receive(exchange)) {
                exchange.accept(reply, transport.portId());
            }
        }
        mayHaveStaleReplies = false;
        log.debug("netlink {} seq {}..{}: {} replies", exchange.operation(0), exchange.seq(0),
                exchange.seq(requests.size() - 1), exchange.replyCount());
        return exchange.results();
    }

    /** Closes the socket; idempotent. */
    @Override
    public void close() {
        transport.close();
    }

    private void send(Exchange exchange) throws NetlinkException {
        int size = 0;
        for (NlMessage m : exchange.messages()) {
            size += m.encodedLength();
        }
        ByteBuffer datagram = ByteBuffer.allocate(size);
        for (NlMessage m : exchange.messages()) {
            m.encodeTo(datagram);
        }
        datagram.flip();
        int rc = transport.send(datagram);
        if (rc < 0) {
            throw NetlinkErrnoException.syscall(exchange.operation(0), exchange.seq(0), "sendto", -rc);
        }
    }

    private List<NlMessage> receive(Exchange exchange) throws NetlinkException {
        int n = transport.receive(receiveBuffer, true);
        if (n < 0) {
            throw NetlinkErrnoException.syscall(exchange.operation(0), exchange.seq(0), "recvfrom", -n);
        }
        if (n > receiveBuffer.capacity()) {
            throw new NetlinkProtocolException(exchange.operation(0), exchange.seq(0),
                    "datagram of " + n + " bytes truncated (expected: <= " + receiveBuffer.capacity() + ")");
        }
        receiveBuffer.position(0).limit(n);
        try {
            return NlMessage.decodeAll(receiveBuffer);
        } catch (NetlinkProtocolException e) {
            throw new NetlinkProtocolException(exchange.operation(0), exchange.seq(0), e);
        }
    }

    private void discardStaleReplies() throws NetlinkErrnoException {
        if (!mayHaveStaleReplies) {
            return;
        }
        int discarded = 0;
        int n;
        while ((n = transport.receive(receiveBuffer, false)) >= 0) {
            discarded++;
        }
        if (-n != Errno.EAGAIN) {
            throw NetlinkErrnoException.syscall(null, NetlinkException.NO_SEQ, "recvfrom", -n);
        }
        mayHaveStaleReplies = false;
        log.debug("netlink port id {}: discarded {} stale datagrams after a failed exchange",
                Integer.toUnsignedString(transport.portId()), discarded);
    }

    /** Exchange tracks one batch: its messages, the replies and failures per request, and which have ended. */
    private static final class Exchange {
        private final List<NlRequest> requests;
        private final List<NlMessage> messages = new ArrayList<>();
        private final List<List<NlMessage>> replies = new ArrayList<>();
        private final @Nullable NetlinkException[] failures;
        private final boolean[] ended;
        private final int firstSeq;
        private int open;

        Exchange(List<NlRequest> requests, int firstSeq) {
            this.requests = requests;
            this.firstSeq = firstSeq;
            this.failures = new NetlinkException[requests.size()];
            this.ended = new boolean[requests.size()];
            this.open = requests.size();
            for (int i = 0; i < requests.size(); i++) {
                messages.add(requests.get(i).toMessage(firstSeq + i));
                replies.add(new ArrayList<>());
            }
        }

        List<NlMessage> messages() {
            return messages;
        }

        String operation(int i) {
            return requests.get(i).operation();
        }

        long seq(int i) {
            return Integer.toUnsignedLong(firstSeq + i);
        }

        boolean ended() {
            return open == 0;
        }

        int replyCount() {
            return replies.stream().mapToInt(List::size).sum();
        }

        void accept(NlMessage reply, int portId) throws NetlinkException {
            long index = Integer.toUnsignedLong(reply.seq() - firstSeq);
            if (index >= requests.size()) {
                throw new NetlinkProtocolException(operation(0), seq(0), "reply seq " + Integer.toUnsignedString(reply.seq())
                        + " (expected: " + seq(0) + ".." + seq(requests.size() - 1) + ")");
            }
            int i = (int) index;
            if (reply.pid() != portId) {
                throw new NetlinkProtocolException(operation(i), seq(i), "reply port id " + Integer.toUnsignedString(reply.pid())
                        + " (expected: " + Integer.toUnsignedString(portId) + ")");
            }
            if (ended[i]) {
                throw new NetlinkProtocolException(operation(i), seq(i), "reply type " + reply.type() + " after the request ended");
            }
            switch (reply.type()) {
                case NLMSG_NOOP -> { }
                case NLMSG_ERROR -> end(i, Acks.error(operation(i), seq(i), reply));
                case NLMSG_DONE -> {
                    if (requests.get(i).dump()) {
                        end(i, Acks.done(operation(i), seq(i), reply));
                    }
                }
                case NLMSG_OVERRUN -> throw new NetlinkProtocolException(operation(i), seq(i), "NLMSG_OVERRUN (data lost)");
                default -> {
                    if ((reply.flags() & NLM_F_DUMP_INTR) != 0 && failures[i] == null) {
                        failures[i] = NetlinkErrnoException.kernel(operation(i), seq(i), Errno.EINTR,
                                "dump interrupted by a concurrent change (NLM_F_DUMP_INTR); retry", NetlinkErrnoException.NO_OFFSET);
                    }
                    replies.get(i).add(reply);
                }
            }
        }

        private void end(int i, @Nullable NetlinkException failure) {
            ended[i] = true;
            open--;
            if (failures[i] == null) {
                failures[i] = failure;
            }
        }

        List<List<NlMessage>> results() throws NetlinkException {
            NetlinkException first = null;
            for (NetlinkException f : failures) {
                if (f == null) {
                    continue;
                }
                if (first == null) {
                    first = f;
                } else {
                    first.addSuppressed(f);
                }
            }
            if (first != null) {
                throw first;
            }
            return replies.stream().map(List::copyOf).toList();
        }
    }
}
