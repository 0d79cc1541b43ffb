package io.slb.dataplane.none;

import io.slb.core.Backend;
import io.slb.core.ForwardMethod;
import io.slb.core.LoadBalancer;
import io.slb.core.Protocol;
import io.slb.dataplane.Dataplane;
import java.net.InetAddress;
import java.util.Collection;
import java.util.Objects;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import reactor.core.publisher.Mono;

/**
 * LoggingDataplane is {@code --dataplane none}: it programs nothing, and logs at INFO the ipvsadm
 * commands that describe what a kernel data plane would program. Every call succeeds. Thread safe.
 */
public final class LoggingDataplane implements Dataplane {
    private static final Logger LOG = LogManager.getLogger();

    @Override
    public String name() {
        return "none";
    }

    @Override
    public Mono<Void> apply(LoadBalancer lb) {
        return Mono.fromRunnable(() -> {
            StringBuilder plan = new StringBuilder("dataplane none: would program ")
                    .append("ipvsadm -A ").append(service(lb)).append(" -s ").append(lb.scheduler());
            for (Backend b : lb.backends()) {
                plan.append("; ipvsadm -a ").append(service(lb))
                        .append(" -r ").append(endpoint(b.ip(), b.port()))
                        .append(' ').append(forwardFlag(b.type()))
                        .append(" -w ").append(b.weight());
            }
            LOG.info("{}", plan);
        });
    }

    @Override
    public Mono<Void> remove(LoadBalancer lb) {
        return Mono.fromRunnable(() -> LOG.info("dataplane none: would remove ipvsadm -D {}", service(lb)));
    }

    @Override
    public Mono<Void> retainOnly(Collection<LoadBalancer> desired) {
        return Mono.fromRunnable(() -> LOG.info("dataplane none: would keep {} services and remove any other", desired.size()));
    }

    @Override
    public void close() {
        // Nothing was opened.
    }

    /** Returns ipvsadm's service option, e.g. {@code -t 192.168.0.85:6443}. */
    static String service(LoadBalancer lb) {
        String flag = lb.protocol() == Protocol.UDP ? "-u " : "-t ";
        return flag + endpoint(Objects.requireNonNull(lb.eip(), "eip"), lb.port());
    }

    static String endpoint(InetAddress ip, int port) {
        String host = ip.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Returns ipvsadm's forwarding flag (-m masquerading, -g gatewaying, -i ipip, and local as -g). */
    static String forwardFlag(ForwardMethod method) {
        return switch (method) {
            case MASQ -> "-m";
            case TUNNEL -> "-i";
            case ROUTE, LOCAL -> "-g";
        };
    }
}
