package io.slb.bench;

import io.slb.ipam.AddressPools;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pcollections.TreePSet;

/**
 * IpamBenchmark measures one allocate/release cycle over a /16 ({@link Fixtures#POOL}) in which the
 * lowest {@code used} addresses are taken: {@link AddressPools#lowestFree} finds the next address, which
 * is added to the in-use set and removed again (a create followed by a delete). The in-use set is the
 * persistent sorted set {@code SlbState} keeps ({@link AddressPools#sorted}). This is the cost IPAM adds
 * to every create without an explicit {@code eip}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class IpamBenchmark {
    /** Addresses of the /16 already in use; 65,000 leaves 536 free. */
    @Param({"100", "10000", "65000"})
    public int used;

    private TreePSet<InetAddress> inUse;

    @Setup
    public void setUp() {
        Set<InetAddress> addresses = new HashSet<>();
        for (int i = 0; i < used; i++) {
            addresses.add(Fixtures.vip(i));
        }
        inUse = AddressPools.sorted(addresses);
    }

    @Benchmark
    public InetAddress allocateRelease() {
        InetAddress allocated = Fixtures.POOL.lowestFree(inUse)
                .orElseThrow(() -> new IllegalStateException("pool " + Fixtures.POOL_CIDR + " exhausted at " + used));
        TreePSet<InetAddress> taken = inUse.plus(allocated);
        inUse = taken.minus(allocated);
        return allocated;
    }
}
