package io.slb.announce;

import java.net.InetAddress;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Announcer tells the network where a VIP lives. Methods are idempotent and return cold Monos.
 * Thread safe.
 */
public interface Announcer extends AutoCloseable {
    /** Returns the mechanism's name for logs and status ({@code arp}, {@code bgp}, {@code none}). */
    String name();

    /** Makes {@code vip} reachable through this host. */
    Mono<Void> announce(InetAddress vip);

    /** Stops announcing {@code vip}; succeeds if it was not announced. */
    Mono<Void> withdraw(InetAddress vip);

    /** Withdraws every announced VIP that is not in {@code desired}. */
    Mono<Void> retainOnly(Set<InetAddress> desired);

    @Override
    void close();
}
