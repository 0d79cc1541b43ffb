package io.slb.dataplane.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.Future;
import reactor.core.publisher.Mono;

/** Futures turns Netty futures into Monos. Stateless. */
final class Futures {
    private Futures() {}

    /** Returns a Mono of the future's channel, or of its failure. */
    static Mono<Channel> channel(ChannelFuture future) {
        return Mono.create(sink -> future.addListener(done -> {
            if (done.isSuccess()) {
                sink.success(future.channel());
            } else {
                sink.error(done.cause());
            }
        }));
    }

    /** Returns a Mono that completes, or fails, with the future. */
    static Mono<Void> done(Future<?> future) {
        return Mono.create(sink -> future.addListener(done -> {
            if (done.isSuccess()) {
                sink.success();
            } else {
                sink.error(done.cause());
            }
        }));
    }
}
