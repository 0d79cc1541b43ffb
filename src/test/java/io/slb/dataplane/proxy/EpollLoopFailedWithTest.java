package io.slb.dataplane.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelException;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Errors;
import io.slb.sys.Errno;
import java.io.IOException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link EpollLoop#failedWith} finds the errno of Netty's native exceptions, through causes, and only that errno. */
class EpollLoopFailedWithTest {
    /** ECONNABORTED, include/uapi/asm-generic/errno.h: a connection reset while queued for accept. */
    private static final int ECONNABORTED = 103;

    @BeforeAll
    static void nativeLibrary() {
        // Netty's Errors reads its errno values from the native library that epoll loads.
        Assumptions.assumeTrue(Epoll.isAvailable(), "Netty's native transport is not available here");
    }

    @Test
    void findsTheErrnoOfANativeFailure() {
        Errors.NativeIoException accept = new Errors.NativeIoException("accept", -Errno.EMFILE);

        assertThat(EpollLoop.failedWith(accept, Errno.EMFILE, Errno.ENFILE)).isTrue();
        assertThat(EpollLoop.failedWith(accept, Errno.ENFILE)).isFalse();
    }

    @Test
    void findsItThroughCauses() {
        // Netty's socket factory wraps the native failure in a ChannelException.
        ChannelException socket = new ChannelException(new Errors.NativeIoException("newSocketStream", -Errno.ENFILE));

        assertThat(EpollLoop.failedWith(socket, Errno.EMFILE, Errno.ENFILE)).isTrue();
    }

    @Test
    void otherFailuresAreNotMistakenForIt() {
        assertThat(EpollLoop.failedWith(new Errors.NativeIoException("accept", -ECONNABORTED),
                Errno.EMFILE, Errno.ENFILE, Errno.ENOBUFS, Errno.ENOMEM)).isFalse();
        assertThat(EpollLoop.failedWith(new IOException("Too many open files"), Errno.EMFILE)).isFalse();
    }
}
