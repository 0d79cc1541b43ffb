package io.slb.dataplane.proxy;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;

/**
 * IdleTimer (the NIO path; on epoll, {@link EpollLoop} sweeps) closes a proxied TCP connection (client and backend) once no bytes have moved either way
 * for the idle timeout. The relays {@link #touch()} it when they read, and when a write buffer drains
 * (so a slow but moving download counts as traffic); one scheduled check per connection, rescheduled
 * for the time left, instead of Netty's IdleStateHandler, which costs a promise and a listener on
 * every write. Confined to the connection's event loop.
 */
final class IdleTimer implements Runnable {
    private static final Logger LOG = LogManager.getLogger();

    private final Channel client;
    private final long timeoutNanos;
    private @Nullable Channel backend;
    private @Nullable ScheduledFuture<?> check;
    private long lastActivity;
    private boolean stopped;

    IdleTimer(Channel client, long timeoutNanos) {
        this.client = client;
        this.timeoutNanos = timeoutNanos;
    }

    /** Starts counting from now. */
    void start() {
        lastActivity = System.nanoTime();
        schedule(timeoutNanos);
    }

    /** Adds the backend connection: it is closed along with the client's. */
    void backend(Channel channel) {
        this.backend = channel;
    }

    /** Records traffic now. */
    void touch() {
        lastActivity = System.nanoTime();
    }

    /** Stops the timer (the connection closed); idempotent. */
    void stop() {
        stopped = true;
        ScheduledFuture<?> pending = check;
        check = null;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    @Override
    public void run() {
        check = null;
        if (stopped) {
            return;
        }
        long idle = System.nanoTime() - lastActivity;
        if (idle < timeoutNanos) {
            schedule(timeoutNanos - idle);
            return;
        }
        LOG.debug("{} idle for {} ms, closing", client, TimeUnit.NANOSECONDS.toMillis(idle));
        stopped = true;
        client.close();
        if (backend != null) {
            backend.close();
        }
    }

    private void schedule(long delayNanos) {
        check = client.eventLoop().schedule(this, delayNanos, TimeUnit.NANOSECONDS);
    }
}
