package io.slb.bench;

import io.slb.api.ApiJson;
import io.slb.core.LoadBalancer;
import java.util.Collection;
import java.util.Optional;
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

/**
 * ApiJsonBenchmark measures {@link ApiJson#loadBalancers}, the body of {@code GET /loadbalancers}, for
 * {@code lbs} load balancers with {@code backends} backends each and no traffic stats (the {@code none}
 * data plane keeps none).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class ApiJsonBenchmark {
    @Param({"10000"})
    public int lbs;

    @Param({"10"})
    public int backends;

    private ApiJson json;
    private Collection<LoadBalancer> all;

    @Setup
    public void setUp() {
        json = new ApiJson();
        all = Fixtures.state(lbs, backends).all();
    }

    @Benchmark
    public byte[] listLoadBalancers() {
        return json.loadBalancers(all, uuid -> Optional.empty());
    }
}
