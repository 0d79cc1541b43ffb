package io.slb.core;

import java.net.InetAddress;
import java.util.UUID;

/**
 * Backend is one real server behind a load balancer. Identity is {@code uuid}; {@code ip} and
 * {@code port} are unique within one load balancer.
 */
public record Backend(UUID uuid, InetAddress ip, int port, int weight, ForwardMethod type) {
    /** The default weight, as ipvsadm uses. */
    public static final int DEFAULT_WEIGHT = 1;

    /** Returns true if this backend has the same ip:port as {@code other}. */
    public boolean sameEndpoint(InetAddress otherIp, int otherPort) {
        return ip.equals(otherIp) && port == otherPort;
    }
}
