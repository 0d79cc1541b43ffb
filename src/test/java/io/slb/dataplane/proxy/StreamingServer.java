package io.slb.dataplane.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * StreamingServer is a test backend that writes to each connection as fast as the connection
 * takes it, forever: it writes while its channel is writable and waits for writability otherwise.
 * It records how many bytes reached its socket and whether its channel is unwritable now, which is
 * how a test sees that the proxy pushed back.
 */
final class StreamingServer implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final AtomicLong written = new AtomicLong();
    private volatile boolean unwritable;

    StreamingServer(InetAddress ip) throws InterruptedException {
        ByteBuf chunk = Unpooled.unreleasableBuffer(Unpooled.directBuffer(CHUNK).writeZero(CHUNK));
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        stream(ctx.channel(), chunk);
                    }

                    @Override
                    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                        stream(ctx.channel(), chunk);
                    }
                })
                .bind(new InetSocketAddress(ip, 0))
                .sync()
                .channel();
    }

    private void stream(Channel channel, ByteBuf chunk) {
        while (channel.isActive() && channel.isWritable()) {
            channel.writeAndFlush(chunk.duplicate()).addListener((ChannelFutureListener) done -> {
                if (done.isSuccess()) {
                    written.addAndGet(CHUNK);
                }
            });
        }
        unwritable = channel.isActive() && !channel.isWritable();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Returns the bytes handed to the kernel so far. */
    long written() {
        return written.get();
    }

    /** Returns true while the streaming connection's outbound buffer is full. */
    boolean unwritable() {
        return unwritable;
    }

    @Override
    public void close() {
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
