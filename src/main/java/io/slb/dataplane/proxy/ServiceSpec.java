package io.slb.dataplane.proxy;

import io.slb.core.Backend;
import io.slb.core.ForwardMethod;
import io.slb.core.LoadBalancer;
import io.slb.core.Protocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;

/**
 * ServiceSpec is a load balancer checked for what this proxy can serve: an assigned VIP, a port, a
 * scheduler of {@link Scheduler#SUPPORTED} and MASQ backends only (a proxy cannot tunnel, route
 * directly or deliver locally). Immutable.
 */
record ServiceSpec(UUID uuid, String name, InetSocketAddress vip, Protocol protocol, String scheduler,
        List<Backend> backends) {
    private static final int MAX_PORT = 65_535;

    ServiceSpec {
        backends = List.copyOf(backends);
    }

    /**
     * Returns {@code lb}'s spec.
     *
     * @throws IllegalArgumentException naming the field, the value and what would work
     */
    static ServiceSpec of(LoadBalancer lb) {
        InetAddress eip = lb.eip();
        if (eip == null) {
            throw new IllegalArgumentException(
                    "load balancer " + lb.name() + " (" + lb.uuid() + ") eip: null (expected: an assigned address)");
        }
        requirePort("load balancer " + lb.name() + " port", lb.port());
        if (!Scheduler.SUPPORTED.contains(lb.scheduler())) {
            throw new IllegalArgumentException("load balancer " + lb.name() + " scheduler: " + lb.scheduler()
                    + " (expected: one of " + String.join(", ", Scheduler.SUPPORTED)
                    + "; scheduler " + lb.scheduler() + " needs --dataplane ipvs)");
        }
        for (Backend backend : lb.backends()) {
            String what = "load balancer " + lb.name() + " backend " + backend.ip().getHostAddress() + ":"
                    + backend.port();
            requirePort(what + " port", backend.port());
            if (backend.type() != ForwardMethod.MASQ) {
                throw new IllegalArgumentException(what + " forward method: " + backend.type()
                        + " (expected: MASQ; forward method " + backend.type() + " needs --dataplane ipvs)");
            }
            if (backend.weight() < 0) {
                throw new IllegalArgumentException(what + " weight: " + backend.weight() + " (expected: >= 0)");
            }
        }
        return new ServiceSpec(lb.uuid(), lb.name(), new InetSocketAddress(eip, lb.port()), lb.protocol(),
                lb.scheduler(), lb.backends());
    }

    /** Returns true if {@code other} listens where this one does, so no rebind is needed. */
    boolean sameListener(ServiceSpec other) {
        return vip.equals(other.vip) && protocol == other.protocol;
    }

    /** Returns the listener as logs and errors spell it: {@code tcp 127.0.0.10:8080}. */
    String listenerName() {
        return protocol.wireName() + " " + vip.getAddress().getHostAddress() + ":" + vip.getPort();
    }

    private static void requirePort(String what, int port) {
        if (port < 1 || port > MAX_PORT) {
            throw new IllegalArgumentException(what + ": " + port + " (expected: 1.." + MAX_PORT + ")");
        }
    }
}
