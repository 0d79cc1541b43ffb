package io.slb.server;

import io.slb.dataplane.Dataplane;
import io.slb.dataplane.none.LoggingDataplane;
import io.slb.dataplane.proxy.ProxyDataplane;
import io.slb.dataplane.proxy.ProxyOptions;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** DataplaneSelection turns {@code --dataplane} into a data plane and logs which one and why. */
final class DataplaneSelection {
    private static final Logger LOG = LogManager.getLogger();

    private DataplaneSelection() {}

    static Dataplane select(SlbConfig config) {
        SlbConfig.DataplaneMode mode = config.dataplane();
        switch (mode) {
            case NONE:
                LOG.info("dataplane: none (--dataplane none): nothing is programmed; the log shows what would be");
                return new LoggingDataplane();
            case PROXY:
                LOG.info("dataplane: proxy (--dataplane proxy): userspace L4 proxy on Netty");
                return new ProxyDataplane(proxyOptions(config));
            case AUTO:
                LOG.info("dataplane: proxy (--dataplane auto: the IPVS data plane is not part of this build)");
                return new ProxyDataplane(proxyOptions(config));
            case IPVS:
                throw new IllegalStateException("--dataplane ipvs: the IPVS data plane is not part of this build yet;"
                        + " use --dataplane proxy (userspace, no root needed) or --dataplane none");
            default:
                throw new AssertionError("unhandled --dataplane " + mode);
        }
    }

    /**
     * Returns the proxy's options. NB: with --arp the announcer puts the VIP on the adapter after the
     * data plane stage has run, so the proxy must be able to listen on it before it is local.
     */
    static ProxyOptions proxyOptions(SlbConfig config) {
        return ProxyOptions.DEFAULTS.withFreebind(config.announce() == SlbConfig.AnnounceMode.ARP);
    }
}
