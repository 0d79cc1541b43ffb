package io.slb.server;

import io.slb.dataplane.Dataplane;
import io.slb.dataplane.ipvs.IpvsStartup;
import io.slb.dataplane.none.LoggingDataplane;
import io.slb.dataplane.proxy.ProxyDataplane;
import io.slb.dataplane.proxy.ProxyOptions;
import java.net.Inet6Address;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** DataplaneSelection turns {@code --dataplane} into a data plane and logs which one and why. */
final class DataplaneSelection {
    private static final Logger LOG = LogManager.getLogger();

    private DataplaneSelection() {}

    static Dataplane select(SlbConfig config) {
        switch (config.dataplane()) {
            case NONE:
                LOG.info("dataplane: none (--dataplane none): nothing is programmed; the log shows what would be");
                return new LoggingDataplane();
            case PROXY:
                LOG.info("dataplane: proxy (--dataplane proxy): userspace L4 proxy on Netty");
                return new ProxyDataplane(proxyOptions(config));
            case AUTO:
                Optional<String> unavailable = IpvsStartup.unavailableReason();
                if (unavailable.isEmpty()) {
                    LOG.info("dataplane: ipvs (--dataplane auto: running as root and the kernel has IPVS)");
                    return ipvs(config);
                }
                LOG.info("dataplane: proxy (--dataplane auto: {})", unavailable.get());
                return new ProxyDataplane(proxyOptions(config));
            case IPVS:
                LOG.info("dataplane: ipvs (--dataplane ipvs): the kernel's IPVS over generic netlink");
                return ipvs(config);
            default:
                throw new AssertionError("unhandled --dataplane " + config.dataplane());
        }
    }

    /**
     * Returns the proxy's options. NB: with --arp the announcer puts the VIP on the adapter after the
     * data plane stage has run, so the proxy must be able to listen on it before it is local.
     */
    static ProxyOptions proxyOptions(SlbConfig config) {
        return ProxyOptions.DEFAULTS.withFreebind(config.announce() == SlbConfig.AnnounceMode.ARP);
    }

    /** IPVS deletes only services on addresses of the pools, and needs IPv6 forwarding only with IPv6 pools. */
    private static Dataplane ipvs(SlbConfig config) {
        boolean ipv6 = config.pools().ranges().stream().anyMatch(r -> r.first() instanceof Inet6Address);
        return IpvsStartup.start(config.adapter(), config.pools()::contains, ipv6);
    }
}
