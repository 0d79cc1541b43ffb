package io.slb.dataplane.proxy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * ProxyOptions tunes the proxy data plane. Immutable; the compact constructor rejects values that
 * cannot work with an {@link IllegalArgumentException} naming the field.
 *
 * @param idleTimeout a TCP connection with no traffic either way for this long is closed
 * @param drainTimeout how long connections to a removed backend may finish before they are closed
 * @param connectTimeout how long a connect to one backend may take before the next one is tried
 * @param maxUdpSessions most UDP sessions (client address to backend) one load balancer keeps;
 *     datagrams from further clients are dropped until a session expires
 * @param udpIdleTimeout a UDP session with no datagram either way for this long expires
 * @param ioThreads event loop threads shared by every listener and connection
 * @param preferEpoll use Linux epoll when its native library loads (NIO otherwise)
 * @param freebind    listen on a VIP before it is on an adapter (IP_FREEBIND, epoll only), for when
 *                    the announcer adds the address after the data plane stage has run
 */
public record ProxyOptions(
        Duration idleTimeout,
        Duration drainTimeout,
        Duration connectTimeout,
        int maxUdpSessions,
        Duration udpIdleTimeout,
        int ioThreads,
        boolean preferEpoll,
        boolean freebind) {

    /** IPVS's established-TCP timeout, 15 min (net/netfilter/ipvs/ip_vs_proto_tcp.c, ESTABLISHED). */
    static final Duration IPVS_TCP_TIMEOUT = Duration.ofMinutes(15);
    /** IPVS's UDP timeout, 5 min (net/netfilter/ipvs/ip_vs_proto_udp.c, IP_VS_UDP_S_NORMAL). */
    static final Duration IPVS_UDP_TIMEOUT = Duration.ofMinutes(5);
    /** Kubernetes' default terminationGracePeriodSeconds: a familiar bound for a backend to drain. */
    static final Duration DEFAULT_DRAIN = Duration.ofSeconds(30);
    /** Linux retransmits a SYN after 1 s and 3 s (tcp_syn_retries): 3 s allows one retry. */
    static final Duration DEFAULT_CONNECT = Duration.ofSeconds(3);
    /**
     * Each UDP session holds one socket and one ephemeral port; 16384 stays well inside Linux's
     * default ephemeral range (32768-60999) and a 65536 file descriptor limit.
     */
    static final int DEFAULT_MAX_UDP_SESSIONS = 16_384;

    /** The defaults: IPVS's timeouts, one event loop per core, epoll when available. */
    public static final ProxyOptions DEFAULTS = new ProxyOptions(
            IPVS_TCP_TIMEOUT,
            DEFAULT_DRAIN,
            DEFAULT_CONNECT,
            DEFAULT_MAX_UDP_SESSIONS,
            IPVS_UDP_TIMEOUT,
            Runtime.getRuntime().availableProcessors(),
            true,
            false);

    public ProxyOptions {
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("drainTimeout", drainTimeout);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("udpIdleTimeout", udpIdleTimeout);
        if (connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connectTimeout: " + connectTimeout + " (expected: <= 24 days)");
        }
        if (maxUdpSessions < 1) {
            throw new IllegalArgumentException("maxUdpSessions: " + maxUdpSessions + " (expected: >= 1)");
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: >= 1)");
        }
    }

    public ProxyOptions withIdleTimeout(Duration value) {
        return new ProxyOptions(
                value, drainTimeout, connectTimeout, maxUdpSessions, udpIdleTimeout, ioThreads, preferEpoll, freebind);
    }

    public ProxyOptions withDrainTimeout(Duration value) {
        return new ProxyOptions(
                idleTimeout, value, connectTimeout, maxUdpSessions, udpIdleTimeout, ioThreads, preferEpoll, freebind);
    }

    public ProxyOptions withConnectTimeout(Duration value) {
        return new ProxyOptions(
                idleTimeout, drainTimeout, value, maxUdpSessions, udpIdleTimeout, ioThreads, preferEpoll, freebind);
    }

    public ProxyOptions withMaxUdpSessions(int value) {
        return new ProxyOptions(
                idleTimeout, drainTimeout, connectTimeout, value, udpIdleTimeout, ioThreads, preferEpoll, freebind);
    }

    public ProxyOptions withUdpIdleTimeout(Duration value) {
        return new ProxyOptions(
                idleTimeout, drainTimeout, connectTimeout, maxUdpSessions, value, ioThreads, preferEpoll, freebind);
    }

    public ProxyOptions withIoThreads(int value) {
        return new ProxyOptions(
                idleTimeout, drainTimeout, connectTimeout, maxUdpSessions, udpIdleTimeout, value, preferEpoll, freebind);
    }

    public ProxyOptions withPreferEpoll(boolean value) {
        return new ProxyOptions(
                idleTimeout, drainTimeout, connectTimeout, maxUdpSessions, udpIdleTimeout, ioThreads, value, freebind);
    }

    public ProxyOptions withFreebind(boolean value) {
        return new ProxyOptions(
                idleTimeout, drainTimeout, connectTimeout, maxUdpSessions, udpIdleTimeout, ioThreads, preferEpoll, value);
    }

    private static void requirePositive(String name, Duration value) {
        requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }
}
