package io.slb.announce.bgp;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.slb.announce.bgp.apipb.AddPathRequest;
import io.slb.announce.bgp.apipb.AddPeerRequest;
import io.slb.announce.bgp.apipb.DeletePathRequest;
import io.slb.announce.bgp.apipb.Family;
import io.slb.announce.bgp.apipb.GetBgpRequest;
import io.slb.announce.bgp.apipb.Global;
import io.slb.announce.bgp.apipb.GobgpApiGrpc;
import io.slb.announce.bgp.apipb.ListPathRequest;
import io.slb.announce.bgp.apipb.ListPeerRequest;
import io.slb.announce.bgp.apipb.Path;
import io.slb.announce.bgp.apipb.Peer;
import io.slb.announce.bgp.apipb.StartBgpRequest;
import io.slb.announce.bgp.apipb.TableType;
import io.slb.announce.bgp.apipb.WatchEventRequest;
import io.slb.announce.bgp.apipb.WatchEventResponse;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * GobgpClient is the gRPC client of one gobgpd 3.x ({@code apipb.GobgpApi}) as Reactor types. Every call
 * is asynchronous (the gRPC async stub, never a blocking one) and cold: it starts on subscription and
 * is cancelled on dispose. Unary calls have a deadline of {@link #CALL_DEADLINE}; streams have none and
 * honour demand (gRPC flow control), so nothing is buffered beyond what the subscriber requested.
 * Errors are gRPC {@link StatusRuntimeException}s; gobgpd reports its own errors as {@code UNKNOWN}
 * with its text. Thread safe.
 */
final class GobgpClient implements AutoCloseable {
    /** gobgpd answers in about a millisecond (bgp-harness.md §4); 5 s only catches a hung daemon. */
    static final Duration CALL_DEADLINE = Duration.ofSeconds(5);
    /** One event loop: the client makes a handful of calls per VIP change. */
    private static final int EVENT_LOOP_THREADS = 1;

    private final BgpApiTarget target;
    private final EventLoopGroup group;
    private final ManagedChannel channel;
    private final GobgpApiGrpc.GobgpApiStub stub;

    private GobgpClient(BgpApiTarget target, EventLoopGroup group, ManagedChannel channel) {
        this.target = target;
        this.group = group;
        this.channel = channel;
        this.stub = GobgpApiGrpc.newStub(channel);
    }

    /**
     * Creates a client of the gobgpd at {@code target}; it connects lazily, on the first call. No keepalive
     * pings are sent: gobgpd (grpc-go defaults) answers pings more often than every 5 min with GOAWAY.
     */
    static GobgpClient create(BgpApiTarget target) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(EVENT_LOOP_THREADS, EpollIoHandler.newFactory());
        NettyChannelBuilder builder;
        if (target instanceof BgpApiTarget.Unix unix) {
            builder = NettyChannelBuilder.forAddress(new DomainSocketAddress(unix.socket().toString()))
                    .channelType(EpollDomainSocketChannel.class);
        } else {
            BgpApiTarget.Tcp tcp = (BgpApiTarget.Tcp) target;
            builder = NettyChannelBuilder.forAddress(new InetSocketAddress(tcp.host(), tcp.port()))
                    .channelType(EpollSocketChannel.class);
        }
        ManagedChannel channel = builder.eventLoopGroup(group).usePlaintext().build();
        return new GobgpClient(target, group, channel);
    }

    BgpApiTarget target() {
        return target;
    }

    /** Makes the next call try to connect at once instead of waiting out gRPC's reconnect backoff. */
    void resetConnectBackoff() {
        channel.resetConnectBackoff();
    }

    Mono<Global> getBgp() {
        return unary(GobgpApiGrpc.GobgpApiStub::getBgp, GetBgpRequest.getDefaultInstance()).map(r -> r.getGlobal());
    }

    Mono<Void> startBgp(Global global) {
        return unary(GobgpApiGrpc.GobgpApiStub::startBgp, StartBgpRequest.newBuilder().setGlobal(global).build()).then();
    }

    Mono<Void> addPeer(Peer peer) {
        return unary(GobgpApiGrpc.GobgpApiStub::addPeer, AddPeerRequest.newBuilder().setPeer(peer).build()).then();
    }

    Flux<Peer> listPeers() {
        return stream(stub::listPeer, ListPeerRequest.getDefaultInstance()).map(r -> r.getPeer());
    }

    /** Adds a path to the global RIB; returns its uuid (16 bytes), the handle to delete it by. */
    Mono<ByteString> addPath(Path path) {
        return unary(GobgpApiGrpc.GobgpApiStub::addPath, AddPathRequest.newBuilder().setTableType(TableType.GLOBAL).setPath(path).build())
                .map(r -> r.getUuid());
    }

    Mono<Void> deletePath(ByteString uuid) {
        return unary(GobgpApiGrpc.GobgpApiStub::deletePath, DeletePathRequest.newBuilder().setTableType(TableType.GLOBAL).setUuid(uuid).build())
                .then();
    }

    /** Deletes a locally originated path by its content (what gobgpd matches when the uuid is unknown). */
    Mono<Void> deletePath(Path path) {
        return unary(GobgpApiGrpc.GobgpApiStub::deletePath, DeletePathRequest.newBuilder().setTableType(TableType.GLOBAL)
                .setFamily(path.getFamily()).setPath(path).build())
                .then();
    }

    /** Returns the paths of the global RIB of {@code family}, one {@link Path} at a time. */
    Flux<Path> listPaths(Family family) {
        return stream(stub::listPath, ListPathRequest.newBuilder().setTableType(TableType.GLOBAL).setFamily(family).build())
                .concatMapIterable(r -> r.getDestination().getPathsList());
    }

    /** Streams peer events: one INIT per peer, END_OF_INIT, then a STATE event per transition; never completes while gobgpd runs. */
    Flux<WatchEventResponse.PeerEvent> watchPeers() {
        WatchEventRequest request = WatchEventRequest.newBuilder().setPeer(WatchEventRequest.Peer.getDefaultInstance()).build();
        return stream(stub::watchEvent, request)
                .filter(WatchEventResponse::hasPeer)
                .map(WatchEventResponse::getPeer);
    }

    /** Returns whether {@code error} is gobgpd's "this path/uuid does not exist". */
    static boolean isNotFound(Throwable error) {
        if (!(error instanceof StatusRuntimeException e) || e.getStatus().getCode() != Status.Code.UNKNOWN) {
            return false;
        }
        String text = String.valueOf(e.getStatus().getDescription());
        return text.contains("can't find") || text.contains("not found");
    }

    @Override
    public void close() {
        channel.shutdownNow();
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
    }

    /** UnaryCall is an async stub method: {@code (stub, request, observer)}. */
    @FunctionalInterface
    private interface UnaryCall<Q, R> {
        void call(GobgpApiGrpc.GobgpApiStub stub, Q request, StreamObserver<R> observer);
    }

    /** Calls {@code method} on subscription, with a deadline that starts then (not when the Mono was built). */
    private <Q, R> Mono<R> unary(UnaryCall<Q, R> method, Q request) {
        return Mono.create(sink -> method.call(stub.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS),
                request, new ClientResponseObserver<Q, R>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<Q> call) {
                sink.onCancel(() -> call.cancel("cancelled by slb", null));
            }

            @Override
            public void onNext(R value) {
                sink.success(value);
            }

            @Override
            public void onError(Throwable t) {
                sink.error(t);
            }

            @Override
            public void onCompleted() {
                sink.success();
            }
        }));
    }

    private static <Q, R> Flux<R> stream(BiConsumer<Q, StreamObserver<R>> method, Q request) {
        // NB: auto inbound flow control is off: gRPC delivers only what the subscriber requested, so
        // the sink never buffers; ERROR would flag a broken contract rather than grow without bound.
        return Flux.create(sink -> {
            AtomicReference<ClientCallStreamObserver<Q>> started = new AtomicReference<>();
            method.accept(request, new ClientResponseObserver<Q, R>() {
                @Override
                public void beforeStart(ClientCallStreamObserver<Q> call) {
                    call.disableAutoRequestWithInitial(0);
                    started.set(call);
                }

                @Override
                public void onNext(R value) {
                    sink.next(value);
                }

                @Override
                public void onError(Throwable t) {
                    sink.error(t);
                }

                @Override
                public void onCompleted() {
                    sink.complete();
                }
            });
            // NB: request() only once the call has started, which the stub did before returning.
            ClientCallStreamObserver<Q> call = started.get();
            sink.onRequest(n -> call.request((int) Math.min(n, Integer.MAX_VALUE)));
            sink.onCancel(() -> call.cancel("cancelled by slb", null));
        }, FluxSink.OverflowStrategy.ERROR);
    }
}
