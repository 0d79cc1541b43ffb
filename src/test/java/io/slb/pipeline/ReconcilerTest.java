package io.slb.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.slb.control.CommandProcessor;
import io.slb.core.Backend;
import io.slb.core.Command;
import io.slb.core.Decider;
import io.slb.core.Event;
import io.slb.core.ForwardMethod;
import io.slb.core.LoadBalancer;
import io.slb.core.Protocol;
import io.slb.core.Recorded;
import io.slb.core.Status;
import io.slb.ipam.AddressPools;
import io.slb.ipam.IpAddresses;
import io.slb.journal.Journal;
import io.slb.journal.JournalOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** The reconciler over a real journal and command processor, with a recording data plane. */
class ReconcilerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Decider decider = new Decider(AddressPools.parse("10.0.0.1-10.0.0.9"));
    private final Recording world = new Recording();
    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    private final ReconcilerRig rig = new ReconcilerRig(decider, new LocalIpamProvider(decider.pools()), world, recorded::addAll);

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    @Test
    void createdLoadBalancerIsServedThenAnnouncedThenActive(@TempDir Path dir) throws Exception {
        rig.start(dir, Duration.ofMinutes(5));
        UUID id = rig.create("web");
        Awaitility.await().atMost(WAIT).until(() -> rig.lb(id).status().equals(Status.ACTIVE));
        assertThat(world.programmed).containsKey(id);
        assertThat(world.calls).containsSubsequence("apply web", "announce 10.0.0.1");
        assertThat(world.announced).containsExactly(IpAddresses.parse("10.0.0.1"));
        assertThat(world.threads).as("stages never run on the single writer").doesNotContain("slb-command-processor");
    }

    @Test
    void backendChangesReachTheDataplane(@TempDir Path dir) throws Exception {
        rig.start(dir, Duration.ofMinutes(5));
        UUID id = rig.create("web");
        Backend b = new Backend(UUID.randomUUID(), IpAddresses.parse("10.1.0.2"), 8080, 1, ForwardMethod.MASQ);
        rig.processor().submit(new Command.AddBackend(id, b, Instant.EPOCH)).block(WAIT);
        Awaitility.await().atMost(WAIT).until(() -> world.programmed.containsKey(id)
                && world.programmed.get(id).backends().equals(List.of(b)));
        rig.processor().submit(new Command.RemoveBackend(id, b.uuid(), Instant.EPOCH)).block(WAIT);
        Awaitility.await().atMost(WAIT).until(() -> world.programmed.get(id).backends().isEmpty());
    }

    @Test
    void persistentFailureIsReportedWithStageAndErrorAndRepairedByResync(@TempDir Path dir) throws Exception {
        world.applyFailures.set(-1);
        rig.start(dir, Duration.ofMillis(300));
        UUID id = rig.create("web");
        Awaitility.await().atMost(WAIT).until(() -> rig.lb(id).status().phase() == Status.Phase.FAILED);
        assertThat(rig.lb(id).status()).isEqualTo(Status.failed("dataplane", "EPERM: Operation not permitted"));
        assertThat(world.announced).as("never announced before it is served").isEmpty();

        world.applyFailures.set(0);
        Awaitility.await().atMost(WAIT).until(() -> rig.lb(id).status().equals(Status.ACTIVE));
        assertThat(world.announced).containsExactly(IpAddresses.parse("10.0.0.1"));
    }

    @Test
    void announcerRecoveryTurnsFailedStatusesActiveWithoutWaitingForTheResync(@TempDir Path dir) throws Exception {
        world.announcerDown = true;
        rig.start(dir, Duration.ofMinutes(5));
        UUID id = rig.create("web");
        Awaitility.await().atMost(WAIT).until(() -> rig.lb(id).status().phase() == Status.Phase.FAILED);
        assertThat(rig.lb(id).status()).isEqualTo(Status.failed("announce", "gobgpd is not reachable yet"));

        world.recover();

        // The resync is 5 minutes away: only the recovery signal can make this pass in time.
        Awaitility.await().atMost(WAIT).until(() -> rig.lb(id).status().equals(Status.ACTIVE));
        assertThat(world.announced).containsExactly(IpAddresses.parse("10.0.0.1"));
    }

    @Test
    void transientFailureIsRetriedWithoutAFailedStatus(@TempDir Path dir) throws Exception {
        world.applyFailures.set(2);
        rig.start(dir, Duration.ofMinutes(5));
        UUID id = rig.create("web");
        Awaitility.await().atMost(WAIT).until(() -> rig.lb(id).status().equals(Status.ACTIVE));
        // Two failures, then success; a trigger that lands after it may add a pass (level-triggered).
        assertThat(world.calls.stream().filter(c -> c.equals("apply web")).count()).isGreaterThanOrEqualTo(3);
        assertThat(recorded).extracting(Recorded::event)
                .filteredOn(e -> e instanceof Event.StatusChanged changed && changed.status().phase() == Status.Phase.FAILED)
                .as("retried failures are never reported").isEmpty();
    }

    @Test
    void deleteWithdrawsThenRemoves(@TempDir Path dir) throws Exception {
        rig.start(dir, Duration.ofMinutes(5));
        UUID id = rig.create("web");
        Awaitility.await().atMost(WAIT).until(() -> rig.lb(id).status().equals(Status.ACTIVE));
        rig.processor().submit(new Command.DeleteLoadBalancer(id, Instant.EPOCH)).block(WAIT);
        Awaitility.await().atMost(WAIT).until(() -> !world.programmed.containsKey(id));
        assertThat(world.calls).containsSubsequence("withdraw 10.0.0.1", "remove web");
        assertThat(world.calls).filteredOn(c -> c.startsWith("remove")).as("one teardown").hasSize(1);
        assertThat(world.announced).isEmpty();
    }

    @Test
    void driftIsRepairedByTheResync(@TempDir Path dir) throws Exception {
        rig.start(dir, Duration.ofMillis(200));
        UUID id = rig.create("web");
        Awaitility.await().atMost(WAIT).until(() -> world.programmed.containsKey(id));
        world.programmed.clear(); // what "ipvsadm -C" by hand does
        Awaitility.await().atMost(WAIT).until(() -> world.programmed.containsKey(id));
    }

    @Test
    void leftoversFromBeforeAStartAreRemovedFirst(@TempDir Path dir) throws Exception {
        LoadBalancer orphan = new LoadBalancer(UUID.randomUUID(), "orphan", IpAddresses.parse("10.0.0.5"), 80, Protocol.TCP,
                "rr", List.of(), Status.ACTIVE, Instant.EPOCH);
        world.programmed.put(orphan.uuid(), orphan);
        rig.start(dir, Duration.ofMinutes(5));
        Awaitility.await().atMost(WAIT).until(() -> world.programmed.isEmpty());
        assertThat(world.calls).startsWith("retainOnly 0");
    }
}
