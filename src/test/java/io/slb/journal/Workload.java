package io.slb.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.slb.core.Backend;
import io.slb.core.Command;
import io.slb.core.Decider;
import io.slb.core.Decision;
import io.slb.core.Event;
import io.slb.core.ForwardMethod;
import io.slb.core.LoadBalancer;
import io.slb.core.Protocol;
import io.slb.core.Recorded;
import io.slb.core.SlbState;
import io.slb.core.Status;
import io.slb.ipam.AddressPools;
import io.slb.ipam.IpAddresses;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Workload produces realistic events by deciding commands with the real {@link Decider}, appends
 * them to a journal and keeps the state they fold to. Commands follow a fixed cycle (create,
 * add backends, report status, remove a backend, now and then delete), so runs are reproducible.
 */
final class Workload {
    static final Decider DECIDER = new Decider(AddressPools.parse("10.0.0.1-10.0.0.50"));
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    /** Load balancers kept alive before the cycle starts deleting the oldest one. */
    private static final int LIVE_LOAD_BALANCERS = 5;

    private SlbState state;
    private long step;

    Workload() {
        this(SlbState.EMPTY);
    }

    /** A workload that continues from {@code state}, as the command processor does after a restart. */
    Workload(SlbState state) {
        this.state = state;
        this.step = state.position();
    }

    SlbState state() {
        return state;
    }

    /**
     * Decides the next command against the current state, folds its events in at the positions the
     * journal will give them (every decided event must be appended, in order) and returns them.
     */
    List<Event> decide() {
        Command command = nextCommand();
        Decision decision = DECIDER.decide(state, command);
        assertThat(decision).as("decision for %s", command).isInstanceOf(Decision.Accepted.class);
        List<Event> events = ((Decision.Accepted) decision).events();
        for (Event event : events) {
            state = DECIDER.evolve(state, event, state.position() + 1);
        }
        return events;
    }

    /** Decides the next command and appends its events in one batch. */
    List<Recorded> step(Journal journal) throws IOException {
        return journal.append(decide());
    }

    /** Runs {@code commands} commands, one append each, then syncs once; returns everything recorded. */
    List<Recorded> run(Journal journal, int commands) throws IOException {
        List<Recorded> all = new ArrayList<>();
        for (int i = 0; i < commands; i++) {
            all.addAll(step(journal));
        }
        journal.sync();
        return all;
    }

    /** Returns the state {@code recorded} folds to from empty. */
    static SlbState fold(List<Recorded> recorded) {
        SlbState folded = SlbState.EMPTY;
        for (Recorded r : recorded) {
            folded = DECIDER.evolve(folded, r.event(), r.position());
        }
        return folded;
    }

    private Command nextCommand() {
        step++;
        Instant at = START.plusSeconds(step);
        List<LoadBalancer> live = List.copyOf(state.all());
        if (live.isEmpty() || step % 6 == 0) {
            return create(at);
        }
        LoadBalancer newest = live.get(live.size() - 1);
        if (step % 6 == 5 && live.size() > LIVE_LOAD_BALANCERS) {
            return new Command.DeleteLoadBalancer(live.get(0).uuid(), at);
        }
        if (step % 6 == 3) {
            Status status = newest.status().phase() == Status.Phase.ACTIVE
                    ? Status.failed("dataplane", "ipvs: EEXIST at step " + step)
                    : Status.ACTIVE;
            return new Command.ReportStatus(newest.uuid(), status, at);
        }
        if (step % 6 == 4 && !newest.backends().isEmpty()) {
            return new Command.RemoveBackend(newest.uuid(), newest.backends().get(0).uuid(), at);
        }
        return new Command.AddBackend(newest.uuid(), backend(), at);
    }

    private Command create(Instant at) {
        Protocol protocol = step % 4 == 0 ? Protocol.UDP : Protocol.TCP;
        return new Command.CreateLoadBalancer(uuid('a'), "lb-" + step, 80 + (int) (step % 1000), protocol,
                step % 3 == 0 ? "wrr" : "rr", null, at);
    }

    private Backend backend() {
        boolean v6 = step % 2 == 0;
        String ip = v6 ? "fd00::" + Long.toHexString(step) : "192.168." + (step / 250 % 250) + "." + (step % 250 + 1);
        ForwardMethod method = ForwardMethod.values()[(int) (step % ForwardMethod.values().length)];
        return new Backend(uuid('b'), IpAddresses.parse(ip), 8000 + (int) (step % 1000), 1 + (int) (step % 10), method);
    }

    private UUID uuid(char kind) {
        return new UUID(kind, step);
    }
}
