package io.slb.bench;

import io.slb.core.Backend;
import io.slb.core.Command;
import io.slb.core.Decider;
import io.slb.core.Decision;
import io.slb.core.Event;
import io.slb.core.Protocol;
import io.slb.core.Schedulers;
import io.slb.core.SlbState;
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
 * DeciderBenchmark measures {@link Decider#decide} and {@link Decider#evolve}, the work the command
 * processor does per command on its single thread, against a state of {@code lbs} load balancers with
 * {@code backends} backends each. Creating asks IPAM for the lowest free address of a /16 whose first
 * {@code lbs} addresses are taken.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class DeciderBenchmark {
    @Param({"100", "10000"})
    public int lbs;

    @Param({"10"})
    public int backends;

    private Decider decider;
    private SlbState state;
    private Command.CreateLoadBalancer create;
    private Command.AddBackend addBackend;
    private Event.LoadBalancerCreated created;
    private Event.BackendAdded backendAdded;

    @Setup
    public void setUp() {
        decider = new Decider(Fixtures.POOL);
        state = Fixtures.state(lbs, backends);
        int fresh = lbs;
        create = new Command.CreateLoadBalancer(Fixtures.uuid(1, fresh), "lb-" + fresh, Fixtures.SERVICE_PORT,
                Protocol.TCP, Schedulers.DEFAULT, null, Fixtures.AT);
        Backend extra = Fixtures.backend(fresh, 0, backends);
        addBackend = new Command.AddBackend(Fixtures.uuid(1, lbs / 2), extra, Fixtures.AT);
        created = new Event.LoadBalancerCreated(create.loadBalancer(), create.name(), create.port(), create.protocol(),
                create.scheduler(), Fixtures.AT);
        backendAdded = new Event.BackendAdded(addBackend.loadBalancer(), extra, Fixtures.AT);
    }

    /** Create with IPAM: existence check, then the lowest free address above {@code lbs} taken ones. */
    @Benchmark
    public Decision decideCreate() {
        return decider.decide(state, create);
    }

    /** Add a backend: existence and duplicate checks on one load balancer. */
    @Benchmark
    public Decision decideAddBackend() {
        return decider.decide(state, addBackend);
    }

    /** Fold a new load balancer into the state. */
    @Benchmark
    public SlbState evolveCreated() {
        return decider.evolve(state, created, state.position() + 1);
    }

    /** Fold a backend into an existing load balancer. */
    @Benchmark
    public SlbState evolveBackendAdded() {
        return decider.evolve(state, backendAdded, state.position() + 1);
    }
}
