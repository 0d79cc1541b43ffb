package io.slb.api.sse;

import static io.slb.api.sse.TestEvents.change;
import static io.slb.api.sse.TestEvents.changes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.slb.core.Recorded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class EventBusTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final SseOptions OPTIONS = new SseOptions(8, 64, 100, Duration.ofSeconds(15));

    private final List<EventBus> buses = new ArrayList<>();

    private EventBus bus(SseOptions options, List<Recorded> recovered) {
        EventBus bus = new EventBus(options, recovered);
        buses.add(bus);
        return bus;
    }

    @AfterEach
    void closeBuses() {
        buses.forEach(EventBus::close);
    }

    private static BusItem.Change item(long position) {
        return new BusItem.Change(change(position));
    }

    private static List<Long> positions(List<BusItem> items) {
        return items.stream().map(item -> ((BusItem.Change) item).recorded().position()).toList();
    }

    @Test
    void deliversLiveEventsInPublishOrder() {
        EventBus bus = bus(OPTIONS, List.of());
        StepVerifier.create(bus.live().take(5))
                .then(() -> bus.publish(changes(1, 2)))
                .then(() -> bus.publish(changes(3, 5)))
                .expectNext(item(1), item(2), item(3), item(4), item(5))
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(bus.lastPosition()).isEqualTo(5);
    }

    @Test
    void sinceReplaysRetainedHistoryThenLiveEvents() {
        EventBus bus = bus(OPTIONS, changes(1, 5));
        StepVerifier.create(bus.since(2).take(5))
                .expectNext(item(3), item(4), item(5))
                .then(() -> bus.publish(changes(6, 7)))
                .expectNext(item(6), item(7))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void liveStartsAfterTheLastPositionWithoutHistory() {
        EventBus bus = bus(OPTIONS, changes(1, 5));
        StepVerifier.create(bus.live().take(1))
                .then(() -> bus.publish(List.of(change(6))))
                .expectNext(item(6))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void sinceWhileSomeonePublishesHasNoGapAndNoDuplicate() throws Exception {
        int total = 3000;
        EventBus bus = bus(new SseOptions(64, total, total, Duration.ofSeconds(15)), List.of());
        CompletableFuture<Void> publisher = CompletableFuture.runAsync(() ->
                LongStream.rangeClosed(1, total).forEach(position -> bus.publish(List.of(change(position)))));
        List<Mono<List<BusItem>>> subscribers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            // Subscribe at arbitrary points while publishing runs; each must still see exactly 1..total.
            subscribers.add(bus.since(0).take(total).collectList().cache());
            subscribers.get(i).subscribe();
            Thread.onSpinWait();
        }
        publisher.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        List<Long> expected = LongStream.rangeClosed(1, total).boxed().toList();
        for (Mono<List<BusItem>> subscriber : subscribers) {
            assertThat(positions(subscriber.block(TIMEOUT))).isEqualTo(expected);
        }
    }

    @Test
    void sinceEmitsGapFirstWhenEventsAfterLastSeenAreNoLongerRetained() {
        EventBus bus = bus(new SseOptions(8, 64, 3, Duration.ofSeconds(15)), List.of());
        bus.publish(changes(1, 10));
        StepVerifier.create(bus.since(2).take(4))
                .expectNext(new BusItem.Gap(2, 8), item(8), item(9), item(10))
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(bus.since(7).take(3))
                .expectNext(item(8), item(9), item(10))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void sinceBeyondTheLastPositionEmitsGapThenLiveEvents() {
        EventBus bus = bus(OPTIONS, changes(1, 3));
        StepVerifier.create(bus.since(20).take(2))
                .expectNext(new BusItem.Gap(20, 1))
                .then(() -> bus.publish(List.of(change(4))))
                .expectNext(item(4))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void sinceHonoursDemand() {
        EventBus bus = bus(OPTIONS, changes(1, 5));
        StepVerifier.create(bus.since(0), 1)
                .expectNext(item(1))
                .expectNoEvent(Duration.ofMillis(200))
                .thenRequest(2)
                .expectNext(item(2), item(3))
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void slowSubscriberIsTerminatedWhileFastOneGetsEverything() {
        int buffer = 4;
        EventBus bus = bus(new SseOptions(8, buffer, 100, Duration.ofSeconds(15)), List.of());
        List<BusItem> fast = new CopyOnWriteArrayList<>();
        Disposable fastSubscription = bus.live().subscribe(fast::add);
        StepVerifier slow = StepVerifier.create(bus.live(), 0)
                .expectSubscription()
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(SlowConsumerException.class)
                        .hasMessageContaining("(expected: a subscriber that keeps up)"))
                .verifyLater();
        for (long batch = 0; batch < 4; batch++) {
            long first = batch * 3 + 1;
            bus.publish(changes(first, first + 2));
            await().atMost(TIMEOUT).until(() -> fast.size() == first + 2);
        }
        slow.verify(TIMEOUT);
        assertThat(positions(fast)).isEqualTo(LongStream.rangeClosed(1, 12).boxed().toList());
        fastSubscription.dispose();
    }

    @Test
    void closeCompletesSubscribersAfterTheirBufferedEvents() {
        EventBus bus = bus(OPTIONS, List.of());
        StepVerifier.create(bus.live())
                .then(() -> bus.publish(changes(1, 2)))
                .then(bus::close)
                .expectNext(item(1), item(2))
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(bus.since(1)).expectNext(item(2)).expectComplete().verify(TIMEOUT);
    }

    @Test
    void rejectsPositionsThatDoNotIncrease() {
        EventBus bus = bus(OPTIONS, changes(1, 3));
        assertThatThrownBy(() -> bus.publish(List.of(change(3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("position: 3 (expected: > 3, strictly increasing)");
        assertThatThrownBy(() -> bus.publish(List.of(change(5), change(4))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(bus.lastPosition()).isEqualTo(3);
        assertThatThrownBy(() -> bus.since(-1)).hasMessage("lastSeen: -1 (expected: >= 0)");
    }

    @Test
    void cancelledSubscriberNoLongerReceives() {
        EventBus bus = bus(OPTIONS, List.of());
        List<BusItem> received = new CopyOnWriteArrayList<>();
        Disposable subscription = bus.live().subscribe(received::add);
        bus.publish(List.of(change(1)));
        await().atMost(TIMEOUT).until(() -> received.size() == 1);
        subscription.dispose();
        bus.publish(changes(2, 200));
        StepVerifier.create(Flux.fromIterable(received)).expectNext(item(1)).expectComplete().verify(TIMEOUT);
    }
}
