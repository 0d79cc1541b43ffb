package io.slb.dataplane.proxy;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * IdleCloser closes a channel when the {@link io.netty.handler.timeout.IdleStateHandler} before it
 * reports no traffic either way. Stateless and sharable.
 */
@ChannelHandler.Sharable
final class IdleCloser extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LogManager.getLogger();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            LOG.debug("{} idle, closing", ctx.channel());
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }
}
