package io.slb.dataplane.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * TcpRelay copies what one TCP connection reads to its peer; a proxied connection has two, one per
 * direction, both on one event loop.
 *
 * <p>Backpressure: when the peer's outbound buffer passes its high watermark (the peer is not
 * writable), this side stops reading; when the peer drains below the low watermark, its relay turns
 * this side's reading back on. So at most one watermark plus one read batch is buffered per
 * direction, however slow the other side. Half-close: a FIN read here becomes, once everything read
 * before it is written, a shutdownOutput on the peer; the pair closes when both directions ended.
 *
 * <p>Why not {@code EpollSocketChannel.spliceTo} (zero copy): it moves bytes past the pipeline, so
 * the byte counters and idle detection would not see them; it switches the source's auto-read off
 * and on by itself around every chunk, which would fight the writability-driven toggling here (two
 * owners of one flag); it needs a length up front and epoll on both sides, so NIO would need this
 * relay anyway; and a FIN cannot be ordered after bytes still in its pipe. Pooled direct buffers
 * cost one copy in and one out per byte, which the benchmark in benchmarks/proxy measures.
 */
final class TcpRelay extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LogManager.getLogger();

    private final Channel peer;
    private final TrafficCounters counters;
    private final boolean fromClient;

    /**
     * @param peer the connection to write to
     * @param counters the backend's counters
     * @param fromClient true on the client's connection (bytes read count as in), false on the backend's
     */
    TcpRelay(Channel peer, TrafficCounters counters, boolean fromClient) {
        this.peer = peer;
        this.counters = counters;
        this.fromClient = fromClient;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            int bytes = buf.readableBytes();
            if (fromClient) {
                counters.received(bytes);
            } else {
                counters.sent(bytes);
            }
        }
        peer.write(msg, peer.voidPromise());
        if (!peer.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // This side's buffer drained: the peer, which feeds it, may read again.
        if (ctx.channel().isWritable()) {
            peer.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            Channel self = ctx.channel();
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) written -> {
                if (!written.isSuccess()) {
                    return;
                }
                DuplexChannel duplex = (DuplexChannel) peer;
                duplex.shutdownOutput().addListener((ChannelFutureListener) shut -> {
                    if (duplex.isInputShutdown()) {
                        // Both directions have ended.
                        peer.close();
                        self.close();
                    }
                });
            });
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Write what is queued for the peer, then close it.
        if (peer.isActive()) {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("relay {} -> {} failed, closing", ctx.channel(), peer, cause);
        ctx.close();
    }
}
