package io.slb.bench;

import io.slb.core.Backend;
import io.slb.core.ForwardMethod;
import io.slb.core.LoadBalancer;
import io.slb.core.Protocol;
import io.slb.core.Schedulers;
import io.slb.core.SlbState;
import io.slb.core.Status;
import io.slb.ipam.AddressPools;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Fixtures builds deterministic test data for the benchmarks: load balancers numbered from 0 with
 * VIPs counted up from 10.0.0.0 (the {@link #POOL} /16) and backends counted up from 192.168.0.1.
 * Pure functions; thread safe.
 */
final class Fixtures {
    /** The /16 every benchmark allocates from: 65,536 addresses. */
    static final String POOL_CIDR = "10.0.0.0/16";
    static final AddressPools POOL = AddressPools.parse(POOL_CIDR);
    /** A fixed instant, so runs are comparable byte for byte. */
    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    static final int SERVICE_PORT = 80;
    static final int BACKEND_PORT = 8080;
    private static final int VIP_BASE = 0x0a00_0000;
    private static final int BACKEND_BASE = 0xc0a8_0001;

    private Fixtures() {}

    /** Returns the uuid of load balancer (or backend) number {@code n} within {@code kind}. */
    static UUID uuid(int kind, long n) {
        return new UUID(kind, n);
    }

    /** Returns the IPv4 address {@code value} as an unsigned 32-bit number. */
    static InetAddress ipv4(int value) {
        byte[] b = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 bytes are always an address", e);
        }
    }

    /** Returns the {@code n}-th address of {@link #POOL}. */
    static InetAddress vip(int n) {
        return ipv4(VIP_BASE + n);
    }

    /** Returns backend {@code j} of load balancer {@code lb}: a distinct address, one per backend. */
    static Backend backend(int lb, int j, int backendsPerLb) {
        return backend((long) lb * backendsPerLb + j);
    }

    /** Returns backend number {@code n}: uuid and address follow from n (addresses wrap after 2^32). */
    static Backend backend(long n) {
        return new Backend(uuid(2, n), ipv4(BACKEND_BASE + (int) n), BACKEND_PORT, Backend.DEFAULT_WEIGHT,
                ForwardMethod.MASQ);
    }

    /** Returns active load balancer {@code n} holding VIP {@code n} and {@code backends} backends. */
    static LoadBalancer loadBalancer(int n, int backends) {
        List<Backend> list = new ArrayList<>(backends);
        for (int j = 0; j < backends; j++) {
            list.add(backend(n, j, backends));
        }
        return new LoadBalancer(uuid(1, n), "lb-" + n, vip(n), SERVICE_PORT, Protocol.TCP, Schedulers.DEFAULT,
                list, Status.ACTIVE, AT);
    }

    /** Returns the state of {@code lbs} load balancers with {@code backends} backends each, at position lbs. */
    static SlbState state(int lbs, int backends) {
        List<LoadBalancer> list = new ArrayList<>(lbs);
        for (int i = 0; i < lbs; i++) {
            list.add(loadBalancer(i, backends));
        }
        return SlbState.of(list, lbs);
    }
}
