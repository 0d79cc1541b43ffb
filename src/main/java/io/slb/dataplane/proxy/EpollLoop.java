package io.slb.dataplane.proxy;

import io.netty.channel.IoEventLoop;
import io.netty.channel.unix.Errors;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;

/**
 * EpollLoop is what the epoll TCP relay keeps per event loop: one read buffer that every connection
 * on the loop reads into and writes out of at once, the loop's open connections, and one sweep that
 * closes idle connections and gives up on slow connects, instead of a timer per connection.
 *
 * <p>Time is counted in ticks of the sweep: a connection notes the tick of its last traffic (a field
 * read, no clock call on the data path), and is idle once {@code idleTicks} ticks passed since. The
 * sweep runs every quarter of the shorter of the idle and connect timeouts (at most every second, at
 * least every 10 ms), so either fires up to a quarter late. Confined to its event loop's thread.
 */
final class EpollLoop implements Runnable {
    private static final Logger LOG = LogManager.getLogger();
    /** One read's worth: the most a relay holds per direction when the far side does not keep up. */
    static final int BUFFER_BYTES = 64 * 1024;
    private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final IoEventLoop eventLoop;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final long periodNanos;
    private final long idleTicks;
    private final long connectTicks;
    private EpollTcpConnection[] open = new EpollTcpConnection[64];
    private int size;
    private long tick;
    private @Nullable ScheduledFuture<?> sweep;
    private long descriptorsLoggedAt = Long.MIN_VALUE;
    private long descriptorsDropped;

    EpollLoop(IoEventLoop eventLoop, Duration idleTimeout, Duration connectTimeout) {
        this.eventLoop = eventLoop;
        long shorter = Math.min(idleTimeout.toNanos(), connectTimeout.toNanos());
        this.periodNanos = Math.max(MIN_PERIOD_NANOS, Math.min(MAX_PERIOD_NANOS, shorter / 4));
        this.idleTicks = ticks(idleTimeout);
        this.connectTicks = ticks(connectTimeout);
    }

    IoEventLoop eventLoop() {
        return eventLoop;
    }

    /** The loop's read buffer; its position and limit are never changed (reads and writes name a range). */
    ByteBuffer buffer() {
        return buffer;
    }

    long tick() {
        return tick;
    }

    /** Returns the tick at which a connect started now has taken too long. */
    long connectDeadline() {
        return tick + connectTicks;
    }

    /** Returns true if a connection last active at {@code tick} is idle now. */
    boolean idleSince(long lastActive) {
        return tick - lastActive >= idleTicks;
    }

    /** Adds a connection to the sweep; starts the sweep with the loop's first connection. */
    void add(EpollTcpConnection connection) {
        if (size == open.length) {
            open = Arrays.copyOf(open, size * 2);
        }
        connection.index(size);
        open[size++] = connection;
        if (sweep == null) {
            sweep = eventLoop.scheduleAtFixedRate(this, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Removes a closed connection from the sweep (O(1): the last one takes its slot). */
    void remove(EpollTcpConnection connection) {
        int index = connection.index();
        if (index < 0 || index >= size || open[index] != connection) {
            return;
        }
        EpollTcpConnection last = open[--size];
        open[index] = last;
        last.index(index);
        open[size] = null;
        connection.index(-1);
    }

    /**
     * Logs a connection closed because the process ran out of file descriptors after accepting it:
     * at most once a second per loop, with the number closed since the last message, so running
     * out under load does not flood the log.
     */
    void descriptorsExhausted(Object loadBalancer, Object client, String reason) {
        descriptorsDropped++;
        long now = System.nanoTime();
        if (descriptorsLoggedAt != Long.MIN_VALUE && now - descriptorsLoggedAt < MAX_PERIOD_NANOS) {
            return;
        }
        LOG.warn("load balancer {}: out of file descriptors ({}), closed the connection from {} ({} closed "
                + "so since the last message); raise the open files limit (ulimit -n)", loadBalancer, reason, client,
                descriptorsDropped);
        descriptorsLoggedAt = now;
        descriptorsDropped = 0;
    }

    /**
     * Returns true if {@code failure}, or one of its causes, is a native call of Netty's failing with
     * one of {@code errnos}. NB: it lives here, in a class every relay has loaded by then, because it
     * is asked when file descriptors have run out, and then a class not loaded yet cannot be read
     * from a classpath directory either (the test found that).
     */
    static boolean failedWith(Throwable failure, int... errnos) {
        for (@Nullable Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Errors.NativeIoException io) {
                for (int errno : errnos) {
                    if (io.expectedErr() == -errno) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** One sweep: the next tick, then each connection checks its deadlines (and may close, removing itself). */
    @Override
    public void run() {
        tick++;
        for (int i = size - 1; i >= 0; i--) {
            if (i < size) {
                open[i].sweep();
            }
        }
    }

    private long ticks(Duration timeout) {
        return Math.max(1, (timeout.toNanos() + periodNanos - 1) / periodNanos);
    }
}
