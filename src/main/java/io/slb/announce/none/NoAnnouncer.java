package io.slb.announce.none;

import io.slb.announce.Announcer;
import java.net.InetAddress;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * NoAnnouncer is used when neither {@code --arp} nor {@code --bgp} is given: the VIPs are reachable
 * without help (loopback VIPs of the userspace proxy, or addresses routed to this host by other
 * means). Every call succeeds and does nothing.
 */
public final class NoAnnouncer implements Announcer {
    @Override
    public String name() {
        return "none";
    }

    @Override
    public Mono<Void> announce(InetAddress vip) {
        return Mono.empty();
    }

    @Override
    public Mono<Void> withdraw(InetAddress vip) {
        return Mono.empty();
    }

    @Override
    public Mono<Void> retainOnly(Set<InetAddress> desired) {
        return Mono.empty();
    }

    @Override
    public void close() {
        // Nothing was opened.
    }
}
