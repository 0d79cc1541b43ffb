package io.slb.announce.none;

import io.slb.announce.Announcer;
import java.net.InetAddress;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import reactor.core.publisher.Mono;

/**
 * LoggingAnnouncer is the announcer of {@code --dataplane none} dry runs: it logs, at INFO, the
 * announcement the configured mechanism ({@code arp} or {@code bgp}) would make. Thread safe.
 */
public final class LoggingAnnouncer implements Announcer {
    private static final Logger LOG = LogManager.getLogger();
    private final String mechanism;
    private final String adapter;

    public LoggingAnnouncer(String mechanism, String adapter) {
        this.mechanism = mechanism;
        this.adapter = adapter;
    }

    @Override
    public String name() {
        return mechanism + " (dry run)";
    }

    @Override
    public Mono<Void> announce(InetAddress vip) {
        return Mono.fromRunnable(() -> LOG.info("announce {}: would add {} to {} and announce it",
                mechanism, vip.getHostAddress(), adapter));
    }

    @Override
    public Mono<Void> withdraw(InetAddress vip) {
        return Mono.fromRunnable(() -> LOG.info("announce {}: would withdraw {} and remove it from {}",
                mechanism, vip.getHostAddress(), adapter));
    }

    @Override
    public Mono<Void> retainOnly(Set<InetAddress> desired) {
        return Mono.fromRunnable(() -> LOG.info("announce {}: would keep {} VIPs on {} and withdraw any other",
                mechanism, desired.size(), adapter));
    }

    @Override
    public void close() {
        // Nothing was opened.
    }
}
