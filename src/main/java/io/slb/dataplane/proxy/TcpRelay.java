package io.slb.dataplane.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * TcpRelay copies what one TCP connection reads to its peer; a proxied connection has two, one per
 * direction, both on one event loop. This is the TCP path on NIO, where epoll is not available; on
 * epoll {@link EpollTcpConnection} relays without Netty channels.
 *
 * <p>Backpressure: when the peer's outbound buffer passes its high watermark (the peer is not
 * writable), this side stops reading; when the peer drains below the low watermark, its relay turns
 * this side's reading back on. So at most one watermark plus one read batch is buffered per
 * direction, however slow the other side. Half-close: a FIN read here becomes, once everything read
 * before it is written, a shutdownOutput on the peer; when the second direction ends too, each side
 * is closed once its writes are out (not shut down a second time: Netty builds an exception with a
 * stack trace for every shutdownOutput, and a shutdown of a socket whose FINs have both been
 * exchanged fails with ENOTCONN, another exception).
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
    private final IdleTimer idle;
    private final boolean fromClient;

    /**
     * @param peer the connection to write to
     * @param counters the backend's counters
     * @param idle the connection's idle timer, touched on every read batch
     * @param fromClient true on the client's connection (bytes read count as in), false on the backend's
     */
    TcpRelay(Channel peer, TrafficCounters counters, IdleTimer idle, boolean fromClient) {
        this.peer = peer;
        this.counters = counters;
        this.idle = idle;
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
        idle.touch();
        peer.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // This side's buffer drained: the peer, which feeds it, may read again.
        if (ctx.channel().isWritable()) {
            idle.touch();
            peer.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            inputEnded(ctx.channel());
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    /** This side sent its FIN: pass it on once everything read before it is written. */
    private void inputEnded(Channel self) {
        DuplexChannel out = (DuplexChannel) peer;
        if (out.isInputShutdown()) {
            // The other direction ended before: both are done.
            closeAfterFlush(peer);
            closeAfterFlush(self);
            return;
        }
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess() || !peer.isActive()) {
                return;
            }
            out.shutdownOutput();
            // From now on the peer's FIN ends the last direction: Netty may close it right away
            // instead of shutting its input down (see the class comment).
            peer.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, false);
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        idle.stop();
        closeAfterFlush(peer);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("relay {} -> {} failed, closing", ctx.channel(), peer, cause);
        ctx.close();
    }

    /** Closes {@code channel} once what is queued for it is written; at once if its output is shut. */
    private static void closeAfterFlush(Channel channel) {
        if (!channel.isActive()) {
            return;
        }
        if (((DuplexChannel) channel).isOutputShutdown()) {
            channel.close();
        } else {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
