package io.slb.dataplane.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import io.slb.sys.Errno;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;

/**
 * EpollTcpConnection is one proxied TCP connection on Netty's epoll event loop without a Netty
 * channel: the client's and the backend's sockets are {@link EpollIoHandle}s registered once, edge
 * triggered, for reading, writing and the peer's FIN, and bytes move through the loop's one read
 * buffer ({@link EpollLoop#buffer()}): read from one socket, written to the other in the same call.
 * Per connection that is accept, socket, connect, two TCP_NODELAY, four epoll_ctl and the closes,
 * and per request one read and one write each way: no pipeline, no per-read buffer, no promise, no
 * timer (see {@link EpollLoop} for the idle and connect deadlines), no interest changes.
 *
 * <p>Backpressure: when the other side takes only part of a read, the rest (at most one read,
 * {@link EpollLoop#BUFFER_BYTES}) is kept and this direction stops reading until the other side's
 * EPOLLOUT lets it write the rest, so a slow side never makes the proxy buffer more than that.
 *
 * <p>Backend choice: like {@link TcpFrontend}, a backend that refuses or does not answer within the
 * connect timeout is skipped for the next one, each at most once, so the client sees no error while
 * another backend is up. The client is not read until a backend is connected: its bytes (and FIN)
 * wait in its socket.
 *
 * <p>Half-close: a FIN read from one side is passed on ({@code shutdown(SHUT_WR)} of the other) once
 * everything read before it is written; when the second direction ends too, both sockets are closed
 * instead of shut down a second time. Any socket error closes both. Confined to the loop's thread,
 * except {@link #close()}, which may be called from anywhere.
 *
 * <p>Why not {@code splice} (zero copy): it goes through a pipe, so each chunk costs two splices
 * instead of one read and one write, and each connection a pipe (two more descriptors, a pipe2 and
 * two closes). For the small requests and replies a load balancer mostly carries that is more work,
 * not less: one copy in and one out of a buffer already in cache is cheaper than the extra system
 * calls (benchmarks/proxy measures the result against HAProxy, which also copies).
 */
final class EpollTcpConnection implements Upstream.Link {
    private static final Logger LOG = LogManager.getLogger();
    /** Reading, writing, the peer's FIN, edge triggered: set once at registration, never changed. */
    private static final EpollIoOps OPS = EpollIoOps.EPOLLIN.with(EpollIoOps.EPOLLOUT)
            .with(EpollIoOps.EPOLLRDHUP).with(EpollIoOps.EPOLLET);
    private static final int IN = EpollIoOps.EPOLLIN.value();
    private static final int OUT = EpollIoOps.EPOLLOUT.value();
    /** Reads per direction before other connections on the loop get their turn (1 MiB at most). */
    private static final int READS_PER_TURN = 16;

    private final Service service;
    private final EpollLoop loop;
    private final InetSocketAddress clientAddress;
    private final End client;
    private final Flow in;
    private final Flow out;
    private final Set<Upstream> tried = new HashSet<>(4);
    private @Nullable End backend;
    private @Nullable Upstream upstream;
    private long lastActive;
    private long connectDeadline;
    private boolean connected;
    private boolean tracked;
    private boolean closed;
    private int index = -1;

    private EpollTcpConnection(Service service, EpollLoop loop, Socket client, InetSocketAddress clientAddress) {
        this.service = service;
        this.loop = loop;
        this.clientAddress = clientAddress;
        this.client = new End(client);
        this.in = new Flow(true);
        this.out = new Flow(false);
    }

    /**
     * Takes over an accepted client socket on {@code loop}'s thread: registers it and connects to a
     * backend. Closes the socket if that fails.
     */
    static void start(Service service, EpollLoop loop, Socket client, InetSocketAddress clientAddress) {
        EpollTcpConnection connection = new EpollTcpConnection(service, loop, client, clientAddress);
        connection.lastActive = loop.tick();
        loop.add(connection);
        try {
            client.setTcpNoDelay(true);
            connection.register(connection.client);
        } catch (IOException | RuntimeException e) {
            LOG.warn("load balancer {}: cannot take connection from {}: {}", service.uuid(), clientAddress,
                    e.toString());
            connection.closeNow();
            return;
        }
        connection.connectNext();
    }

    int index() {
        return index;
    }

    void index(int value) {
        index = value;
    }

    /** Closes both sockets; from any thread (a drain's bound, the service closing). Idempotent. */
    @Override
    public void close() {
        if (loop.eventLoop().inEventLoop()) {
            closeNow();
            return;
        }
        try {
            loop.eventLoop().execute(this::closeNow);
        } catch (RejectedExecutionException e) {
            // The loop is shutting down: it closes every handle registered with it, this one too.
            LOG.debug("connection from {}: event loop already stopping", clientAddress);
        }
    }

    /** Called by the loop's sweep: gives up a connect that took too long, closes an idle connection. */
    void sweep() {
        if (closed) {
            return;
        }
        if (!connected) {
            if (backend != null && loop.tick() >= connectDeadline) {
                connectFailed("connect timed out");
            }
            return;
        }
        if (loop.idleSince(lastActive)) {
            LOG.debug("connection from {} to {} idle, closing", clientAddress,
                    upstream == null ? "?" : upstream.address());
            closeNow();
        }
    }

    private void connectNext() {
        Upstream next = service.pick(clientAddress.getAddress(), tried);
        if (next == null) {
            LOG.warn("load balancer {}: no backend available for {} (tried {}), closing", service.uuid(),
                    clientAddress, tried.size());
            closeNow();
            return;
        }
        tried.add(next);
        upstream = next;
        connectDeadline = loop.connectDeadline();
        Socket socket;
        try {
            socket = StreamSocket.forAddress(next.address().getAddress());
        } catch (RuntimeException e) {
            if (EpollLoop.failedWith(e, Errno.EMFILE, Errno.ENFILE)) {
                // Not the backend's fault: no other backend would fare better.
                loop.descriptorsExhausted(service.uuid(), clientAddress, e.getMessage());
                closeNow();
            } else {
                connectFailed(e.toString());
            }
            return;
        }
        try {
            End end = new End(socket);
            backend = end;
            socket.setTcpNoDelay(true);
            // Connect before registering: epoll then reports the socket's state after connect, not
            // the HUP of a socket that is not connected yet.
            boolean now = socket.connect(next.address());
            register(end);
            if (now) {
                connected();
            }
        } catch (IOException | RuntimeException e) {
            connectFailed(e.toString());
        }
    }

    /** The backend's socket reported writable (or an error) while connecting. */
    private void finishConnect() {
        End end = backend;
        if (end == null) {
            return;
        }
        try {
            if (end.socket.finishConnect()) {
                connected();
            }
        } catch (IOException | RuntimeException e) {
            connectFailed(e.toString());
        }
    }

    private void connectFailed(String reason) {
        Upstream failed = upstream;
        LOG.info("load balancer {}: backend {} ({}) failed for {}: {}", service.uuid(),
                failed == null ? "?" : failed.uuid(), failed == null ? "?" : failed.address(), clientAddress, reason);
        dropBackend();
        connectNext();
    }

    private void dropBackend() {
        End end = backend;
        backend = null;
        upstream = null;
        out.readable = false;
        out.toEof = false;
        if (end != null) {
            end.release();
        }
    }

    private void connected() {
        Upstream chosen = upstream;
        End end = backend;
        if (chosen == null || end == null) {
            return;
        }
        if (!chosen.track(this)) {
            // The backend finished draining while we connected: take another one.
            dropBackend();
            connectNext();
            return;
        }
        tracked = true;
        connected = true;
        in.from = client;
        in.to = end;
        out.from = end;
        out.to = client;
        lastActive = loop.tick();
        pump(in);
        pump(out);
    }

    /** An event on one end: note what it says, then move what can be moved. */
    private void onEvent(End end, int ops) {
        if (closed) {
            return;
        }
        // IN, RDHUP, HUP or ERR: try reading (an error shows there). OUT, HUP or ERR: try writing.
        boolean readable = (ops & ~OUT) != 0;
        boolean writable = (ops & ~IN) != 0;
        // RDHUP, HUP or ERR: read to the end, a short read does not mean nothing more is coming.
        boolean toEof = (ops & ~(IN | OUT)) != 0;
        Flow source = end == client ? in : out;
        if (readable) {
            source.readable = true;
            source.toEof |= toEof;
        }
        if (!connected) {
            if (end == backend && writable) {
                finishConnect();
            }
            return;
        }
        if (readable) {
            pump(source);
        }
        Flow sink = end == client ? out : in;
        if (writable && sink.pending != null && !closed) {
            pump(sink);
        }
    }

    /** Moves bytes one way until the source has nothing more, the sink is full, or the turn is over. */
    private void pump(Flow flow) {
        if (closed || flow.done) {
            return;
        }
        End from = flow.from;
        End to = flow.to;
        if (from == null || to == null) {
            return;
        }
        ByteBuffer buffer = loop.buffer();
        try {
            for (int reads = 0; ; reads++) {
                if (flow.pending != null && !flushPending(flow, to)) {
                    return;
                }
                if (flow.eof) {
                    finish(flow);
                    return;
                }
                if (!flow.readable) {
                    return;
                }
                if (reads == READS_PER_TURN) {
                    // Edge triggered: no new event comes for what is still unread, so come back.
                    loop.eventLoop().execute(() -> pump(flow));
                    return;
                }
                int read = from.socket.recv(buffer, 0, EpollLoop.BUFFER_BYTES);
                if (read == 0) {
                    flow.readable = false;
                    return;
                }
                if (read < 0) {
                    flow.eof = true;
                    continue;
                }
                lastActive = loop.tick();
                count(flow, read);
                int written = to.socket.send(buffer, 0, read);
                if (written < read) {
                    flow.pending = keep(buffer, written, read);
                    return;
                }
                if (read < EpollLoop.BUFFER_BYTES && !flow.toEof) {
                    // A short read emptied the socket; more data will raise a new edge.
                    flow.readable = false;
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("connection from {} failed, closing: {}", clientAddress, e.toString());
            closeNow();
        }
    }

    /** Writes what the sink did not take before; returns true once all of it is out. */
    private boolean flushPending(Flow flow, End to) throws IOException {
        ByteBuf pending = flow.pending;
        if (pending == null) {
            return true;
        }
        ByteBuffer bytes = pending.internalNioBuffer(pending.readerIndex(), pending.readableBytes());
        int written = to.socket.send(bytes, bytes.position(), bytes.limit());
        pending.skipBytes(written);
        if (pending.isReadable()) {
            return false;
        }
        pending.release();
        flow.pending = null;
        // A slow reader that keeps taking bytes is not idle.
        lastActive = loop.tick();
        return true;
    }

    private static ByteBuf keep(ByteBuffer buffer, int from, int to) {
        ByteBuffer rest = buffer.duplicate();
        rest.position(from).limit(to);
        ByteBuf kept = ByteBufAllocator.DEFAULT.directBuffer(to - from);
        kept.writeBytes(rest);
        return kept;
    }

    private void count(Flow flow, int bytes) {
        Upstream chosen = upstream;
        if (chosen == null) {
            return;
        }
        if (flow.fromClient) {
            chosen.counters().received(bytes);
        } else {
            chosen.counters().sent(bytes);
        }
    }

    /** The source's FIN and everything before it are through: pass the FIN on, or close if both are. */
    private void finish(Flow flow) throws IOException {
        flow.done = true;
        Flow other = flow == in ? out : in;
        if (other.done) {
            closeNow();
            return;
        }
        End to = flow.to;
        if (to != null) {
            to.socket.shutdown(false, true);
        }
    }

    private void register(End end) throws IOException {
        IoRegistration registration = loop.eventLoop().register(end).getNow();
        if (registration == null) {
            throw new IOException("cannot register with the event loop (shutting down?)");
        }
        end.registration = registration;
        // NB: submit returns the ops, negative with EPOLLET (the top bit): not an error code here.
        registration.submit(OPS);
    }

    private void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        client.release();
        End end = backend;
        if (end != null) {
            end.release();
        }
        in.releasePending();
        out.releasePending();
        loop.remove(this);
        Upstream chosen = upstream;
        if (tracked && chosen != null) {
            chosen.untrack(this);
        }
    }

    /** Flow is one direction: from one end to the other, with what the other has not taken yet. */
    private static final class Flow {
        final boolean fromClient;
        @Nullable End from;
        @Nullable End to;
        @Nullable ByteBuf pending;
        boolean readable;
        boolean toEof;
        boolean eof;
        boolean done;

        Flow(boolean fromClient) {
            this.fromClient = fromClient;
        }

        void releasePending() {
            ByteBuf kept = pending;
            pending = null;
            if (kept != null) {
                kept.release();
            }
        }
    }

    /** End is one socket of the connection as the event loop sees it. */
    private final class End implements EpollIoHandle {
        final Socket socket;
        @Nullable IoRegistration registration;

        End(Socket socket) {
            this.socket = socket;
        }

        @Override
        public FileDescriptor fd() {
            return socket;
        }

        @Override
        public void handle(IoRegistration registration, IoEvent event) {
            onEvent(this, ((EpollIoEvent) event).ops().value());
        }

        /** Called by the event loop when it shuts down: the whole connection goes. */
        @Override
        public void close() {
            closeNow();
        }

        /** Closes the socket, then drops the registration (closing the fd took it out of epoll already). */
        void release() {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing {} failed: {}", socket, e.toString());
            }
            IoRegistration current = registration;
            registration = null;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
