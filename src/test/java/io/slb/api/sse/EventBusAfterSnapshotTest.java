package io.slb.api.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.slb.core.Event;
import io.slb.core.Recorded;
import io.slb.core.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** After a restart from a snapshot the recovered tail can be empty while the journal is not. */
class EventBusAfterSnapshotTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static Recorded at(long position) {
        return new Recorded(position, new Event.StatusChanged(UUID.randomUUID(), Status.ACTIVE, Instant.EPOCH));
    }

    @Test
    void clientThatSawTheLastEventIsNotToldToResync() {
        EventBus bus = new EventBus(SseOptions.DEFAULTS, List.of(), 10, Schedulers.parallel());
        StepVerifier.create(bus.since(10))
                .then(() -> bus.publish(List.of(at(11))))
                .assertNext(item -> assertThat(item).isInstanceOfSatisfying(BusItem.Change.class,
                        change -> assertThat(change.recorded().position()).isEqualTo(11)))
                .thenCancel()
                .verify(WAIT);
        assertThat(bus.lastPosition()).isEqualTo(11);
    }

    @Test
    void clientBehindTheSnapshotIsToldToResync() {
        EventBus bus = new EventBus(SseOptions.DEFAULTS, List.of(), 10, Schedulers.parallel());
        StepVerifier.create(bus.since(4))
                .assertNext(item -> assertThat(item).isEqualTo(new BusItem.Gap(4, 11)))
                .thenCancel()
                .verify(WAIT);
    }
}
