package io.slb.announce;

import java.net.InetAddress;
import java.util.Set;
import reactor.core.publisher.Flux;
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

    /**
     * Returns a signal, with a reason for the log, each time this announcer has (re)gained what it
     * announces through (a gobgpd session, say) and put its VIPs back: the reconciler then runs every
     * load balancer again, so one that failed at the announce stage during an outage turns active at
     * once rather than at the next resync. Hot; announcers that cannot lose their means never signal.
     */
    default Flux<String> recoveries() {
        return Flux.never();
    }

    @Override
    void close();
}
