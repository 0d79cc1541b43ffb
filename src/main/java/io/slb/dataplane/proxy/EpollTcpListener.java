package io.slb.dataplane.proxy;

import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.NativeInetAddress;
import io.netty.channel.unix.Socket;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import io.slb.netlink.uapi.InH;
import io.slb.sys.Errno;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * EpollTcpListener is a load balancer's TCP listener for the epoll relay: a listening socket
 * registered on one of Netty's epoll event loops as an {@link EpollIoHandle} (edge triggered), which
 * accepts connections and hands each to the next event loop as an {@link EpollTcpConnection}.
 *
 * <p>When accept fails for lack of file descriptors (EMFILE, ENFILE) or memory (ENOBUFS, ENOMEM), the
 * listener stops accepting for {@link #PAUSE_MILLIS} and logs it once, then tries again, instead of
 * spinning (or logging) on every connection it cannot take; waiting connections stay in the kernel's
 * queue. Other accept errors concern one connection and are skipped. Confined to its loop's thread,
 * except {@link #unbind()} and {@link #isOpen()}.
 */
final class EpollTcpListener implements EpollIoHandle, Service.Bound {
    private static final Logger LOG = LogManager.getLogger();
    /** Connections accepted per wake-up before the loop serves its other sockets. */
    private static final int ACCEPTS_PER_EVENT = 64;
    private static final long PAUSE_MILLIS = 1_000;
    /** Netty's accept fills in [length, address (4 or 16), scope id (4), port (4)]. */
    private static final int ADDRESS_BYTES = 26;

    private final Service service;
    private final Transport transport;
    private final IoEventLoop loop;
    private final Socket socket;
    private final String name;
    private final byte[] accepted = new byte[ADDRESS_BYTES];
    private @Nullable IoRegistration registration;
    private boolean paused;
    private volatile boolean open = true;

    private EpollTcpListener(Service service, Transport transport, IoEventLoop loop, Socket socket, String name) {
        this.service = service;
        this.transport = transport;
        this.loop = loop;
        this.socket = socket;
        this.name = name;
    }

    /**
     * Binds and listens on {@code address} on one of the transport's loops; SO_REUSEADDR (a VIP:port
     * whose old connections sit in TIME_WAIT must rebind) and, if asked for, IP_FREEBIND.
     */
    static Mono<Service.Bound> listen(Transport transport, InetSocketAddress address, Service service) {
        IoEventLoop loop = (IoEventLoop) transport.group().next();
        Future<Service.Bound> bound = loop.submit(() -> open(transport, loop, address, service));
        return Mono.create(sink -> bound.addListener(done -> {
            if (done.isSuccess()) {
                sink.success(bound.getNow());
            } else {
                sink.error(done.cause());
            }
        }));
    }

    private static Service.Bound open(Transport transport, IoEventLoop loop, InetSocketAddress address,
            Service service) throws IOException {
        Socket socket = StreamSocket.forAddress(address.getAddress());
        try {
            socket.setReuseAddress(true);
            if (transport.options().freebind()) {
                socket.setIntOpt(InH.IPPROTO_IP, InH.IP_FREEBIND, 1);
            }
            socket.bind(address);
            socket.listen(NetUtil.SOMAXCONN);
            EpollTcpListener listener = new EpollTcpListener(service, transport, loop, socket, "tcp " + address);
            IoRegistration registration = loop.register(listener).getNow();
            if (registration == null) {
                throw new IOException("cannot register " + address + " with the event loop (shutting down?)");
            }
            listener.registration = registration;
            // NB: never changed afterwards: Netty 4.2.18 deletes the fd from epoll on NONE and then
            // fails to add it back (MOD, ENOENT), so pausing is done by not accepting.
            registration.submit(EpollIoOps.EPOLLIN.with(EpollIoOps.EPOLLET));
            return listener;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public FileDescriptor fd() {
        return socket;
    }

    @Override
    public void handle(IoRegistration registration, IoEvent event) {
        acceptAll();
    }

    /**
     * Accepts until the queue is empty (edge triggered: no new event comes for connections already
     * waiting), a turn at a time so the loop's other sockets are served in between.
     */
    private void acceptAll() {
        if (paused) {
            // The retry after the pause takes what is waiting.
            return;
        }
        for (int i = 0; open; i++) {
            if (i == ACCEPTS_PER_EVENT) {
                loop.execute(this::acceptAll);
                return;
            }
            int fd;
            try {
                fd = socket.accept(accepted);
            } catch (IOException e) {
                if (EpollLoop.failedWith(e, Errno.EMFILE, Errno.ENFILE, Errno.ENOBUFS, Errno.ENOMEM)) {
                    pause(e);
                    return;
                }
                // One connection's trouble (ECONNABORTED: reset while queued, EPERM: a firewall rule):
                // the next one is fine, and pausing would let such clients stall everybody.
                LOG.debug("load balancer {}: accept on {} failed: {}", service.uuid(), name, e.getMessage());
                continue;
            }
            if (fd < 0) {
                return;
            }
            hand(new Socket(fd), NativeInetAddress.address(accepted, 1, accepted[0]));
        }
    }

    /** Gives the connection to the next event loop (this one, with a single loop). */
    private void hand(Socket client, InetSocketAddress from) {
        EpollLoop target = transport.epollLoop((IoEventLoop) transport.group().next());
        if (target.eventLoop().inEventLoop()) {
            EpollTcpConnection.start(service, target, client, from);
            return;
        }
        try {
            target.eventLoop().execute(() -> EpollTcpConnection.start(service, target, client, from));
        } catch (RuntimeException e) {
            // That loop is shutting down.
            closeQuietly(client);
        }
    }

    private void pause(IOException cause) {
        LOG.warn("load balancer {}: accept on {} failed: {}; not accepting for {} ms", service.uuid(), name,
                cause.getMessage(), PAUSE_MILLIS);
        paused = true;
        loop.schedule(() -> {
            paused = false;
            acceptAll();
        }, PAUSE_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Stops listening; connections already accepted go on. */
    @Override
    public Mono<Void> unbind() {
        open = false;
        if (loop.isShuttingDown()) {
            return Mono.fromRunnable(this::closeNow);
        }
        return Futures.done(loop.submit(this::closeNow));
    }

    /** Called by the event loop when it shuts down. */
    @Override
    public void close() {
        closeNow();
    }

    private void closeNow() {
        open = false;
        closeQuietly(socket);
        IoRegistration current = registration;
        registration = null;
        if (current != null) {
            try {
                current.cancel();
            } catch (RuntimeException e) {
                // The loop has stopped: it dropped its registrations itself.
                LOG.debug("{}: registration not cancelled: {}", name, e.toString());
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed: {}", socket, e.toString());
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
