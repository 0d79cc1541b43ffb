package io.slb.dataplane.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Transport owns the proxy's event loops and knows how to listen and connect with them: epoll when
 * {@link ProxyOptions#preferEpoll()} and {@link Epoll#isAvailable()}, NIO otherwise. With epoll, TCP
 * uses {@link EpollTcpListener} and the per-loop {@link EpollLoop}s kept here instead of
 * {@link #listenTcp} and {@link #connectTcp}, which serve NIO. The event loop threads are daemons
 * and start lazily, on the first listener; {@link #shutdown()} stops them. Thread safe.
 */
final class Transport {
    /** Netty's own default quiet period is 2 s; nothing is left to run once every channel is closed. */
    private static final long SHUTDOWN_QUIET_MILLIS = 0;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 5_000;

    private final String name;
    private final EventLoopGroup group;
    private final Class<? extends ServerChannel> serverChannel;
    private final Class<? extends SocketChannel> socketChannel;
    private final Class<? extends DatagramChannel> datagramChannel;
    private final ProxyOptions options;
    private final ChannelHandler noHandler = new NoHandler();
    private final Map<EventLoop, Bootstrap> connectors = new ConcurrentHashMap<>();
    private final Map<IoEventLoop, EpollLoop> epollLoops = new ConcurrentHashMap<>();
    private final boolean epoll;

    Transport(ProxyOptions options) {
        this.options = options;
        this.epoll = options.preferEpoll() && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.name = epoll ? "epoll" : "nio";
        this.group = new MultiThreadIoEventLoopGroup(
                options.ioThreads(), new DefaultThreadFactory("slb-proxy", true), io);
        this.serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.socketChannel = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        this.datagramChannel = epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    String name() {
        return name;
    }

    /**
     * Returns true if the loops are epoll's: TCP then goes through {@link EpollTcpListener} and
     * {@link EpollTcpConnection} instead of Netty channels.
     */
    boolean epoll() {
        return epoll;
    }

    /** Returns the epoll relay's state for {@code loop}, made on first use. */
    EpollLoop epollLoop(IoEventLoop loop) {
        return epollLoops.computeIfAbsent(loop,
                l -> new EpollLoop(l, options.idleTimeout(), options.connectTimeout()));
    }

    ProxyOptions options() {
        return options;
    }

    EventLoopGroup group() {
        return group;
    }

    /**
     * Binds a TCP listener; accepted connections are read at once (see {@link TcpFrontend}), allow
     * half-closure, and get {@code child} in their pipeline.
     */
    ChannelFuture listenTcp(InetSocketAddress address, ChannelHandler child) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(serverChannel)
                // Rebinding a VIP:port whose old connections sit in TIME_WAIT must not fail.
                .option(ChannelOption.SO_REUSEADDR, true);
        if (freebind()) {
            bootstrap.option(EpollChannelOption.IP_FREEBIND, true);
        }
        return bootstrap
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                // NB: TCP_NODELAY is on by default for Netty's sockets (see connector()).
                .childHandler(child)
                .bind(address);
    }

    /**
     * Binds a UDP listener with {@code handler} in its pipeline. NB: no SO_REUSEADDR here: UDP has
     * no TIME_WAIT to step over, and on Linux it would let a second socket bind the same VIP:port
     * silently instead of failing.
     */
    ChannelFuture listenUdp(InetSocketAddress address, ChannelHandler handler) {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(datagramChannel)
                .handler(handler);
        if (freebind()) {
            bootstrap.option(EpollChannelOption.IP_FREEBIND, true);
        }
        return bootstrap.bind(address);
    }

    /** Returns true if listeners bind addresses that are not (yet) local: asked for, and epoll in use. */
    private boolean freebind() {
        return options.freebind() && serverChannel == EpollServerSocketChannel.class;
    }

    /**
     * Connects to a TCP backend on {@code loop} (the client connection's loop, so relaying never
     * crosses threads). Reading starts as the connection becomes active, right after the connect
     * listeners ran, so a listener that puts the relay in place runs before any byte is read.
     */
    ChannelFuture connectTcp(EventLoop loop, InetSocketAddress backend) {
        return connectors.computeIfAbsent(loop, this::connector).connect(backend);
    }

    /**
     * Returns the bootstrap for backend connections from {@code loop}. One per loop, made once: a
     * bootstrap may connect many times, and each is only used on its own loop's thread. NB: no
     * TCP_NODELAY option: Netty's socket configs (epoll and NIO) turn it on by default, and asking
     * again costs a setsockopt per connection.
     */
    private Bootstrap connector(EventLoop loop) {
        return new Bootstrap()
                .group(loop)
                .channel(socketChannel)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .handler(noHandler);
    }

    /** Opens a UDP socket connected to {@code backend} on {@code loop}, with {@code handler}. */
    ChannelFuture connectUdp(EventLoop loop, InetSocketAddress backend, ChannelHandler handler) {
        return new Bootstrap()
                .group(loop)
                .channel(datagramChannel)
                .handler(handler)
                .connect(backend);
    }

    /** Stops the event loops, waiting a bounded time; must not be called from one of them. */
    void shutdown() {
        Future<?> done = group.shutdownGracefully(
                SHUTDOWN_QUIET_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        done.awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS * 2, TimeUnit.MILLISECONDS);
    }

    /** NoHandler is the placeholder pipeline of a backend connection until the relay is added. */
    @ChannelHandler.Sharable
    private static final class NoHandler extends ChannelInitializer<Channel> {
        @Override
        protected void initChannel(Channel ch) {
            // The relay is added once the connection is up (TcpFrontend).
        }
    }
}
