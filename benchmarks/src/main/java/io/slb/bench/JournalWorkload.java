package io.slb.bench;

import io.slb.core.Backend;
import io.slb.core.Decider;
import io.slb.core.Event;
import io.slb.core.LoadBalancer;
import io.slb.core.Protocol;
import io.slb.core.Schedulers;
import io.slb.core.SlbState;
import io.slb.core.Status;
import io.slb.journal.Journal;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * JournalWorkload writes a realistic journal through the real {@link Journal} API: first {@code live}
 * load balancers are created (created, address assigned, {@code backends} backends added, active), then
 * the backends churn (one removed and a new one added, load balancer after load balancer) until
 * {@code events} events are written. Events are appended in batches of {@code batch} with one fsync
 * each (group commit, as the command processor does); with {@code snapshots} on, a snapshot is written
 * whenever {@link Journal#snapshotDue()} says so, as the command processor does.
 *
 * <p>The state for snapshots comes from a mutable model kept here instead of folding every event with
 * {@code Decider.evolve}, so that generating a large journal does not cost as much as replaying it; the
 * caller can compare the model with what {@link Journal#open} recovers ({@link #expected()}).
 * Not thread safe.
 */
final class JournalWorkload {
    private final int live;
    private final int backends;
    private final List<LoadBalancer> model = new ArrayList<>();
    private final List<ArrayDeque<Backend>> modelBackends = new ArrayList<>();
    private long nextBackend;

    /**
     * @throws IllegalArgumentException if {@code live < 1}, {@code backends < 1} or there are more load
     *     balancers than addresses in {@link Fixtures#POOL}
     */
    JournalWorkload(int live, int backends) {
        if (live < 1 || live > Fixtures.POOL.size().intValueExact()) {
            throw new IllegalArgumentException("live: " + live + " (expected: 1.." + Fixtures.POOL.size() + ")");
        }
        if (backends < 1) {
            throw new IllegalArgumentException("backends: " + backends + " (expected: >= 1)");
        }
        this.live = live;
        this.backends = backends;
    }

    /** Returns the number of events that builds the {@code live} load balancers, before any churn. */
    long buildEvents() {
        return (long) live * (backends + 3);
    }

    /**
     * Appends at least {@code events} events to {@code journal} (which must be empty) in batches of about
     * {@code batch}, and returns how many: the last step (a create or a churn) is never cut short.
     *
     * @throws IOException if the journal cannot be written
     * @throws IllegalArgumentException if the journal is not empty or {@code events < buildEvents()}
     */
    long write(Journal journal, long events, int batch, boolean snapshots) throws IOException {
        if (journal.position() != 0) {
            throw new IllegalArgumentException("journal position: " + journal.position() + " (expected: 0, empty)");
        }
        if (events < buildEvents()) {
            throw new IllegalArgumentException("events: " + events + " (expected: >= " + buildEvents()
                    + " to build " + live + " load balancers with " + backends + " backends)");
        }
        List<Event> pending = new ArrayList<>(batch);
        long written = 0;
        int churnCursor = 0;
        while (written < events) {
            if (model.size() < live) {
                create(pending);
            } else {
                churn(churnCursor, pending);
                churnCursor = (churnCursor + 1) % live;
            }
            // NB: whole steps only, so the model always matches what is in the journal.
            if (pending.size() >= batch || written + pending.size() >= events) {
                journal.append(pending);
                journal.sync();
                written += pending.size();
                pending.clear();
                if (snapshots && journal.snapshotDue()) {
                    journal.snapshot(expected(journal.position()));
                }
            }
        }
        return written;
    }

    /** Returns the state the events written so far fold to, as of journal {@code position}. */
    SlbState expected(long position) {
        return SlbState.of(model, position);
    }

    private void create(List<Event> out) {
        int n = model.size();
        LoadBalancer lb = Fixtures.loadBalancer(n, 0);
        out.add(new Event.LoadBalancerCreated(lb.uuid(), lb.name(), lb.port(), Protocol.TCP, Schedulers.DEFAULT,
                Fixtures.AT));
        out.add(new Event.AddressAssigned(lb.uuid(), lb.eip(), Decider.IPAM_SOURCE, null, Fixtures.AT));
        ArrayDeque<Backend> list = new ArrayDeque<>();
        for (int j = 0; j < backends; j++) {
            Backend b = newBackend();
            list.addLast(b);
            out.add(new Event.BackendAdded(lb.uuid(), b, Fixtures.AT));
        }
        out.add(new Event.StatusChanged(lb.uuid(), Status.ACTIVE, Fixtures.AT));
        modelBackends.add(list);
        model.add(new LoadBalancer(lb.uuid(), lb.name(), lb.eip(), lb.port(), Protocol.TCP, Schedulers.DEFAULT,
                List.copyOf(list), Status.ACTIVE, Fixtures.AT));
    }

    private void churn(int n, List<Event> out) {
        LoadBalancer lb = model.get(n);
        ArrayDeque<Backend> list = modelBackends.get(n);
        Backend gone = list.removeFirst();
        Backend added = newBackend();
        list.addLast(added);
        out.add(new Event.BackendRemoved(lb.uuid(), gone.uuid(), Fixtures.AT));
        out.add(new Event.BackendAdded(lb.uuid(), added, Fixtures.AT));
        model.set(n, new LoadBalancer(lb.uuid(), lb.name(), lb.eip(), lb.port(), lb.protocol(), lb.scheduler(),
                List.copyOf(list), lb.status(), lb.createdAt()));
    }

    private Backend newBackend() {
        return Fixtures.backend(nextBackend++);
    }
}
