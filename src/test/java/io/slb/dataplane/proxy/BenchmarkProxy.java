package io.slb.dataplane.proxy;

import io.slb.core.Backend;
import io.slb.core.ForwardMethod;
import io.slb.core.LoadBalancer;
import io.slb.core.Protocol;
import io.slb.core.Status;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * BenchmarkProxy runs a {@link ProxyDataplane} with one TCP load balancer for benchmarks/proxy/run.sh:
 * {@code BenchmarkProxy VIP PORT BACKEND_IP BACKEND_PORT IO_THREADS}. It serves until its standard
 * input closes (or the process is killed). Not a test; surefire does not pick it up.
 */
public final class BenchmarkProxy {
    private static final Duration APPLY = Duration.ofSeconds(10);

    private BenchmarkProxy() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: BenchmarkProxy VIP PORT BACKEND_IP BACKEND_PORT IO_THREADS");
            System.exit(2);
        }
        InetAddress vip = InetAddress.getByName(args[0]);
        int port = Integer.parseInt(args[1]);
        Backend backend = new Backend(UUID.randomUUID(), InetAddress.getByName(args[2]), Integer.parseInt(args[3]),
                Backend.DEFAULT_WEIGHT, ForwardMethod.MASQ);
        LoadBalancer lb = new LoadBalancer(UUID.randomUUID(), "bench", vip, port, Protocol.TCP, "rr",
                List.of(backend), Status.ACTIVE, Instant.EPOCH);
        try (ProxyDataplane proxy = new ProxyDataplane(
                ProxyOptions.DEFAULTS.withIoThreads(Integer.parseInt(args[4])))) {
            proxy.apply(lb).block(APPLY);
            System.out.println("slb proxy (" + proxy.transport() + ") on " + args[0] + ":" + port + " -> "
                    + args[2] + ":" + args[3]);
            System.out.flush();
            while (System.in.read() >= 0) {
                // Serve until stdin closes.
            }
            System.out.println(proxy.stats(lb.uuid()).orElseThrow().total());
        }
    }
}
