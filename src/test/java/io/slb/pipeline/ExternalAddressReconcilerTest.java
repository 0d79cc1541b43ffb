package io.slb.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.slb.control.CommandProcessor;
import io.slb.core.AddressSource;
import io.slb.core.Command;
import io.slb.core.Decider;
import io.slb.core.Protocol;
import io.slb.core.Status;
import io.slb.ipam.IpAddresses;
import io.slb.journal.Journal;
import io.slb.journal.JournalOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** The reconciler with an external address provider: grants recorded, then served; releases survive restarts. */
class ExternalAddressReconcilerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Decider decider = new Decider(AddressSource.external("memory", "--memory"));
    private final InMemoryProvider provider = new InMemoryProvider();
    private final Recording world = new Recording();
    private final ReconcilerRig rig = new ReconcilerRig(decider, provider, world);

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    @Test
    void grantIsRecordedWithItsRefThenServedThenAnnounced(@TempDir Path dir) throws Exception {
        rig.start(dir, Duration.ofMinutes(5));
        UUID id = rig.create("web");

        Awaitility.await().atMost(WAIT).until(() -> rig.lb(id).status().equals(Status.ACTIVE));

        assertThat(rig.lb(id).eip()).isEqualTo(IpAddresses.parse("192.0.2.1"));
        assertThat(rig.processor().state().addressRef(id)).isEqualTo("ref-" + id);
        assertThat(world.calls).containsSubsequence("apply web", "announce 192.0.2.1");
    }

    @Test
    void deleteWithdrawsRemovesThenReleasesAndConfirms(@TempDir Path dir) throws Exception {
        rig.start(dir, Duration.ofMinutes(5));
        UUID id = rig.create("web");
        Awaitility.await().atMost(WAIT).until(() -> rig.lb(id).status().equals(Status.ACTIVE));

        rig.delete(id);

        Awaitility.await().atMost(WAIT).until(() -> rig.processor().state().pendingReleases().isEmpty());
        assertThat(provider.granted).isEmpty();
        assertThat(world.calls).containsSubsequence("withdraw 192.0.2.1", "remove web");
    }

    @Test
    void aFailingReleaseIsRetriedAtResyncUntilItSucceeds(@TempDir Path dir) throws Exception {
        rig.start(dir, Duration.ofMillis(200));
        UUID id = rig.create("web");
        Awaitility.await().atMost(WAIT).until(() -> rig.lb(id).status().equals(Status.ACTIVE));
        provider.releaseFailures.set(10);

        rig.delete(id);

        Awaitility.await().atMost(WAIT).until(() -> rig.processor().state().pendingReleases().isEmpty());
        assertThat(provider.releaseFailures).hasValue(0);
        assertThat(provider.granted).isEmpty();
    }

    @Test
    void aPendingReleaseFromBeforeARestartIsGivenBackOnStart(@TempDir Path dir) throws Exception {
        rig.start(dir, Duration.ofMinutes(5));
        UUID id = rig.create("web");
        Awaitility.await().atMost(WAIT).until(() -> rig.lb(id).status().equals(Status.ACTIVE));
        provider.releaseFailures.set(Integer.MAX_VALUE);
        rig.delete(id);
        Awaitility.await().atMost(WAIT).until(() -> world.calls.contains("remove web"));
        rig.stop();
        assertThat(provider.granted).containsKey(id);

        provider.releaseFailures.set(0);
        rig.start(dir, Duration.ofMinutes(5));

        Awaitility.await().atMost(WAIT).until(() -> rig.processor().state().pendingReleases().isEmpty());
        assertThat(provider.granted).isEmpty();
    }

    @Test
    void deletedBeforeItsGrantWasRecordedTheGrantIsStillGivenBack(@TempDir Path dir) throws Exception {
        provider.refusal = "held";
        rig.start(dir, Duration.ofMillis(200));
        UUID id = rig.create("web");
        Awaitility.await().atMost(WAIT).until(() -> rig.lb(id).status().phase() == Status.Phase.FAILED);
        provider.granted.put(id, new AddressProvider.Grant(IpAddresses.parse("192.0.2.77"), "ref-" + id));

        rig.delete(id);

        Awaitility.await().atMost(WAIT).until(() -> rig.processor().state().pendingReleases().isEmpty());
        assertThat(provider.granted).isEmpty();
    }

    @Test
    void aPermanentFailureIsReportedAtOnceWithTheProvidersText(@TempDir Path dir) throws Exception {
        provider.refusal = "401 Unauthorized: Invalid authentication token";
        rig.start(dir, Duration.ofMinutes(5));
        UUID id = rig.create("web");

        Awaitility.await().atMost(WAIT).until(() -> rig.lb(id).status().phase() == Status.Phase.FAILED);

        assertThat(rig.lb(id).status()).isEqualTo(Status.failed("address", "401 Unauthorized: Invalid authentication token"));
        // The start-up pass and the create's trigger may both run (level-triggered), each calling ensure once;
        // a retried stage would have called it 1 + retries (2) = 3 times in one pass.
        assertThat(provider.ensureCalls.get()).as("not retried").isBetween(1, 2);
        assertThat(world.programmed).isEmpty();
    }
}
