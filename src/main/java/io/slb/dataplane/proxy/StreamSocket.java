package io.slb.dataplane.proxy;

import io.netty.channel.unix.Socket;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * StreamSocket opens a non-blocking TCP socket of the peer's (or local address's) own family for the
 * epoll relay. Netty's {@link Socket#newSocketStream()} opens a dual-stack IPv6 socket whenever the
 * host has IPv6, which costs an {@code IPV6_V6ONLY} setsockopt per socket and IPv4-mapped addresses
 * for IPv4 peers.
 */
final class StreamSocket extends Socket {
    private StreamSocket(int fd) {
        super(fd);
    }

    /** Opens an IPv6 socket for an IPv6 address, an IPv4 one otherwise. */
    static Socket forAddress(InetAddress address) {
        return new StreamSocket(newSocketStream0(address instanceof Inet6Address));
    }
}
