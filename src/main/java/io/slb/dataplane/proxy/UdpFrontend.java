package io.slb.dataplane.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * UdpFrontend is the handler of a UDP listener. Each client address gets a session: a UDP socket
 * connected to the backend the scheduler picked, so the backend's replies come back on it and are
 * sent to the client from the VIP. The table is bounded by {@link ProxyOptions#maxUdpSessions()}
 * (datagrams from further clients are dropped) and a session expires after
 * {@link ProxyOptions#udpIdleTimeout()} without a datagram either way. A datagram that finds its
 * socket's buffer full is dropped rather than queued, as the network would. The table and the
 * session sockets live on the listener's event loop, so no lock is needed.
 */
final class UdpFrontend extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger LOG = LogManager.getLogger();

    private final Service service;
    private final Transport transport;
    private final IdleCloser idleCloser;
    private final Map<InetSocketAddress, Session> sessions = new HashMap<>();

    UdpFrontend(Service service, Transport transport, IdleCloser idleCloser) {
        this.service = service;
        this.transport = transport;
        this.idleCloser = idleCloser;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        InetSocketAddress client = packet.sender();
        Session session = sessions.get(client);
        if (session == null) {
            open(ctx.channel(), client, packet.content());
        } else {
            forward(session, packet.content());
        }
    }

    private static void forward(Session session, ByteBuf payload) {
        Channel socket = session.channel();
        if (!socket.isActive() || !socket.isWritable()) {
            // Still connecting, or the socket buffer is full: drop, as a full network would.
            return;
        }
        session.counters().received(payload.readableBytes());
        socket.writeAndFlush(payload.retain(), socket.voidPromise());
    }

    private void open(Channel listener, InetSocketAddress client, ByteBuf first) {
        int max = transport.options().maxUdpSessions();
        if (sessions.size() >= max) {
            LOG.debug("load balancer {}: {} UDP sessions (the maximum), dropping a datagram from {}",
                    service.uuid(), max, client);
            return;
        }
        Upstream upstream = service.pick(client.getAddress(), Set.of());
        if (upstream == null) {
            LOG.debug("load balancer {}: no backend available for {}", service.uuid(), client);
            return;
        }
        ChannelFuture connected = transport.connectUdp(listener.eventLoop(), upstream.address(),
                new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        long idle = transport.options().udpIdleTimeout().toNanos();
                        ch.pipeline().addLast(
                                new IdleStateHandler(0, 0, idle, TimeUnit.NANOSECONDS),
                                idleCloser,
                                new Replies(listener, client, upstream.counters()));
                    }
                });
        Session session = new Session(connected.channel(), upstream.counters());
        sessions.put(client, session);
        session.channel().closeFuture().addListener(closed -> sessions.remove(client, session));
        ByteBuf pending = first.retain();
        connected.addListener(done -> {
            try {
                if (!done.isSuccess()) {
                    LOG.info("load balancer {}: UDP session {} -> backend {} ({}) failed: {}", service.uuid(),
                            client, upstream.uuid(), upstream.address(), done.cause().toString());
                    session.channel().close();
                } else if (upstream.track(session.channel())) {
                    forward(session, pending);
                }
            } finally {
                pending.release();
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        List.copyOf(sessions.values()).forEach(session -> session.channel().close());
        ctx.fireChannelInactive();
    }

    /** Session is one client's socket to its backend and that backend's counters. */
    private record Session(Channel channel, TrafficCounters counters) {}

    /** Replies sends what a backend answers on a session back to its client, from the VIP. */
    private static final class Replies extends ChannelInboundHandlerAdapter {
        private final Channel listener;
        private final InetSocketAddress client;
        private final TrafficCounters counters;

        Replies(Channel listener, InetSocketAddress client, TrafficCounters counters) {
            this.listener = listener;
            this.client = client;
            this.counters = counters;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof DatagramPacket reply) || !listener.isWritable()) {
                ReferenceCountUtil.release(msg);
                return;
            }
            counters.sent(reply.content().readableBytes());
            listener.write(new DatagramPacket(reply.content(), client), listener.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            listener.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A connected UDP socket reports ICMP port unreachable as an error: end the session so
            // the client's next datagram picks a backend again.
            LOG.debug("UDP session {} -> {} failed, closing", client, ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }
}
