package io.slb.dataplane.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;

/**
 * TcpFrontend (the NIO path; {@link EpollTcpConnection} on epoll) sits on an accepted client
 * connection until its backend connection is up: it asks the
 * service's scheduler for a backend, connects, and on refusal or timeout tries the next one, each at
 * most once, so the client sees no error while another backend is up. Once connected it puts a
 * {@link TcpRelay} on both connections. The connection's {@link IdleTimer} starts here, at accept.
 *
 * <p>The client is read from the start: what it sends before a backend answers (a request, and even
 * its FIN) is held, at most {@link #EARLY_BYTES} before reading pauses, and written to the backend
 * the moment it connects, the FIN after it. NB: not reading until connected is not enough: with epoll
 * a FIN makes Netty read the socket anyway (EPOLLRDHUP), so bytes and FIN would reach this handler
 * before any relay could pass them on. Nothing is sent to a backend that refused, so the held bytes go
 * to the next one. One instance per client connection; runs on that connection's event loop only.
 */
final class TcpFrontend extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LogManager.getLogger();
    /** Held before a backend answers; beyond this the client is not read until one does. */
    static final int EARLY_BYTES = 64 * 1024;

    private final Service service;
    private final Transport transport;
    private final Set<Upstream> tried = new HashSet<>(4);
    private final List<Object> early = new ArrayList<>(2);
    private int earlyBytes;
    private boolean inputEnded;
    private @Nullable IdleTimer idle;

    TcpFrontend(Service service, Transport transport) {
        this.service = service;
        this.transport = transport;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        idle = new IdleTimer(ctx.channel(), transport.options().idleTimeout().toNanos());
        idle.start();
        connectNext(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        early.add(msg);
        if (msg instanceof ByteBuf buf) {
            earlyBytes += buf.readableBytes();
        }
        if (earlyBytes >= EARLY_BYTES) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            // Passed on to the relay once the held bytes are written.
            inputEnded = true;
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Closed before a backend answered (once connected, the relays stop the timer).
        if (idle != null) {
            idle.stop();
        }
        early.forEach(ReferenceCountUtil::release);
        early.clear();
        ctx.fireChannelInactive();
    }

    private void connectNext(ChannelHandlerContext ctx) {
        Channel client = ctx.channel();
        InetAddress source = ((InetSocketAddress) client.remoteAddress()).getAddress();
        Upstream upstream = service.pick(source, tried);
        if (upstream == null) {
            LOG.warn("load balancer {}: no backend available for {} (tried {}), closing",
                    service.uuid(), client.remoteAddress(), tried.size());
            client.close();
            return;
        }
        tried.add(upstream);
        transport.connectTcp(client.eventLoop(), upstream.address())
                .addListener((ChannelFutureListener) connected -> onConnect(ctx, upstream, connected));
    }

    private void onConnect(ChannelHandlerContext ctx, Upstream upstream, ChannelFuture connected) {
        Channel client = ctx.channel();
        if (!connected.isSuccess()) {
            LOG.info("load balancer {}: backend {} ({}) failed for {}: {}", service.uuid(), upstream.uuid(),
                    upstream.address(), client.remoteAddress(), connected.cause().toString());
            if (client.isActive()) {
                connectNext(ctx);
            }
            return;
        }
        Channel backend = connected.channel();
        if (!client.isActive()) {
            backend.close();
            return;
        }
        if (!upstream.track(backend)) {
            // The backend finished draining while we connected: take another one.
            connectNext(ctx);
            return;
        }
        IdleTimer timer = Objects.requireNonNull(idle, "idle timer starts with the connection");
        timer.backend(backend);
        // NB: the backend reads from now on (auto-read is on for it), but not before this listener
        // returns: its relay is in place first.
        backend.pipeline().addLast("relay", new TcpRelay(client, upstream.counters(), timer, false));
        for (Object msg : early) {
            if (msg instanceof ByteBuf buf) {
                upstream.counters().received(buf.readableBytes());
            }
            backend.write(msg, backend.voidPromise());
        }
        early.clear();
        backend.flush();
        ctx.pipeline().replace(this, "relay", new TcpRelay(backend, upstream.counters(), timer, true));
        client.config().setAutoRead(true);
        if (inputEnded) {
            client.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        }
    }
}
