package io.slb.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.slb.core.Command;
import io.slb.core.Decider;
import io.slb.core.Protocol;
import io.slb.core.Recorded;
import io.slb.core.Rejection;
import io.slb.ipam.AddressPools;
import io.slb.journal.Journal;
import io.slb.journal.JournalOptions;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The single writer over a real journal in a temporary directory. */
class CommandProcessorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final Decider decider = new Decider(AddressPools.parse("10.0.0.0/22"));
    private final List<Recorded> heard = Collections.synchronizedList(new ArrayList<>());
    private Journal journal;
    private CommandProcessor processor;

    @AfterEach
    void close() throws Exception {
        if (processor != null) {
            processor.close();
        }
        if (journal != null) {
            journal.close();
        }
    }

    private CommandProcessor start(Path dir, int queue) throws Exception {
        journal = Journal.open(dir, decider, JournalOptions.DEFAULTS);
        Consumer<List<Recorded>> listener = heard::addAll;
        processor = new CommandProcessor(decider, journal, queue, List.of(listener), Schedulers.parallel());
        processor.start();
        return processor;
    }

    private static Command create(String name) {
        return new Command.CreateLoadBalancer(UUID.randomUUID(), name, 80, Protocol.TCP, "rr", null, Instant.EPOCH);
    }

    @Test
    void concurrentCreatesNeverShareAnAddressAndAreDurableOnAnswer(@TempDir Path dir) throws Exception {
        CommandProcessor p = start(dir, 4096);
        List<Outcome> outcomes = Flux.range(0, 800)
                .flatMap(i -> p.submit(create("lb-" + i)).subscribeOn(Schedulers.parallel()), 800)
                .collectList()
                .block(TIMEOUT);

        Set<InetAddress> addresses = new HashSet<>();
        for (Outcome o : outcomes) {
            assertThat(o).isInstanceOf(Outcome.Applied.class);
            assertThat(addresses.add(((Outcome.Applied) o).events().get(1).event() instanceof io.slb.core.Event.AddressAssigned a
                    ? a.eip() : null)).isTrue();
        }
        assertThat(p.state().loadBalancers()).hasSize(800);
        assertThat(heard).extracting(Recorded::position).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 1600).boxed().toList());

        p.close();
        journal.close();
        Journal reopened = Journal.open(dir, decider, JournalOptions.DEFAULTS);
        assertThat(reopened.recoveredState().loadBalancers()).isEqualTo(p.state().loadBalancers());
        reopened.close();
        processor = null;
        journal = null;
    }

    @Test
    void refusedCommandsChangeNothingAndReachNoListener(@TempDir Path dir) throws Exception {
        CommandProcessor p = start(dir, 16);
        StepVerifier.create(p.submit(new Command.DeleteLoadBalancer(UUID.randomUUID(), Instant.EPOCH)))
                .assertNext(o -> assertThat(((Outcome.Refused) o).rejection().kind()).isEqualTo(Rejection.Kind.NOT_FOUND))
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(p.state().position()).isZero();
        assertThat(heard).isEmpty();
    }

    @Test
    void fullQueueIsRefusedAtOnceWithOverloaded(@TempDir Path dir) throws Exception {
        // Not started: nothing drains the queue of two.
        journal = Journal.open(dir, decider, JournalOptions.DEFAULTS);
        processor = new CommandProcessor(decider, journal, 2, List.of(), Schedulers.parallel());
        processor.submit(create("a")).subscribe();
        processor.submit(create("b")).subscribe();
        StepVerifier.create(processor.submit(create("c")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(OverloadedException.class).hasMessageContaining("queue is full"))
                .verify(TIMEOUT);
        processor.start();
        processor.close();
        assertThat(processor.state().loadBalancers()).hasSize(2);
    }

    @Test
    void journalFailureStopsAllFurtherChanges(@TempDir Path dir) throws Exception {
        CommandProcessor p = start(dir, 16);
        StepVerifier.create(p.submit(create("a"))).expectNextCount(1).expectComplete().verify(TIMEOUT);
        journal.close();
        StepVerifier.create(p.submit(create("b")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(JournalFailedException.class).hasMessageContaining("journal write failed"))
                .verify(TIMEOUT);
        StepVerifier.create(p.submit(create("c")))
                .expectError(JournalFailedException.class)
                .verify(TIMEOUT);
        assertThat(p.failure()).isNotNull();
        assertThat(p.state().loadBalancers()).hasSize(1);
        journal = null;
    }
}
