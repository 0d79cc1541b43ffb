package io.slb.core;

import static io.slb.core.Samples.addBackend;
import static io.slb.core.Samples.assign;
import static io.slb.core.Samples.confirmRelease;
import static io.slb.core.Samples.granted;
import static io.slb.core.Samples.released;
import static io.slb.core.Samples.assigned;
import static io.slb.core.Samples.backend;
import static io.slb.core.Samples.backendAdded;
import static io.slb.core.Samples.backendRemoved;
import static io.slb.core.Samples.create;
import static io.slb.core.Samples.created;
import static io.slb.core.Samples.deleted;
import static io.slb.core.Samples.delete;
import static io.slb.core.Samples.existing;
import static io.slb.core.Samples.removeBackend;
import static io.slb.core.Samples.report;
import static io.slb.core.Samples.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks every permitted subclass of {@link Command} and {@link Event}: a new record with no sample
 * here fails by name, and a record the decider forgot to dispatch fails with its AssertionError.
 */
class SealedHierarchyTest {
    private static final Map<Class<?>, Command> COMMANDS = Map.of(
            Command.CreateLoadBalancer.class, create(2),
            Command.DeleteLoadBalancer.class, delete(1),
            Command.AddBackend.class, addBackend(1, backend(2, "10.1.0.2", 80)),
            Command.RemoveBackend.class, removeBackend(1, 1),
            Command.ReportStatus.class, report(1, Status.ACTIVE),
            Command.AssignAddress.class, assign(2, "147.75.0.2"),
            Command.ConfirmRelease.class, confirmRelease(3));

    private static final Map<Class<?>, Event> EVENTS = Map.of(
            Event.LoadBalancerCreated.class, created(2),
            Event.AddressAssigned.class, assigned(1, "10.0.0.5"),
            Event.BackendAdded.class, backendAdded(1, backend(2, "10.1.0.2", 80)),
            Event.BackendRemoved.class, backendRemoved(1, 1),
            Event.StatusChanged.class, statusChanged(1, Status.ACTIVE),
            Event.LoadBalancerDeleted.class, deleted(1),
            Event.AddressReleased.class, released(3));

    /** The types whose samples only apply with an external address source (see {@link #externalPopulated}). */
    private static final Set<Class<?>> EXTERNAL = Set.of(
            Command.AssignAddress.class, Command.ConfirmRelease.class, Event.AddressReleased.class);

    static Stream<Named<Class<?>>> commandTypes() {
        return named(Command.class);
    }

    static Stream<Named<Class<?>>> eventTypes() {
        return named(Event.class);
    }

    private static Stream<Named<Class<?>>> named(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses()).map(c -> Named.of(c.getSimpleName(), c));
    }

    /** Returns a state with load balancer 1 at 10.0.0.1 holding backend 1, at position 3. */
    private static DeciderFixture populated() {
        return DeciderFixture.pools("10.0.0.0/24").given(existing(1, "10.0.0.1"))
                .given(backendAdded(1, backend(1, "10.1.0.1", 80)));
    }

    /**
     * Returns an external-source state: load balancer 1 at 147.75.0.1 holding backend 1, load
     * balancer 2 waiting for its address, load balancer 3 deleted with its release pending.
     */
    private static DeciderFixture externalPopulated() {
        return DeciderFixture.external().given(created(1), granted(1, "147.75.0.1"))
                .given(backendAdded(1, backend(1, "10.1.0.1", 80)), created(2), created(3), deleted(3));
    }

    private static DeciderFixture populatedFor(Class<?> type) {
        return EXTERNAL.contains(type) ? externalPopulated() : populated();
    }

    @ParameterizedTest
    @MethodSource("commandTypes")
    void decideHandlesEveryCommand(Class<?> type) {
        Command sample = COMMANDS.get(type);
        assertThat(sample).as("no sample command for %s in SealedHierarchyTest.COMMANDS", type.getSimpleName())
                .isNotNull();
        assertThat(sample).isExactlyInstanceOf(type);
        DeciderFixture fixture = populatedFor(type);

        assertThat(fixture.accept(sample)).as("events of %s", sample).isNotEmpty();
        assertThatCode(() -> DeciderFixture.pools("10.0.0.0/24").when(sample).decision())
                .as("decide on the empty state").doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void evolveHandlesEveryEvent(Class<?> type) {
        Event sample = EVENTS.get(type);
        assertThat(sample).as("no sample event for %s in SealedHierarchyTest.EVENTS", type.getSimpleName())
                .isNotNull();
        assertThat(sample).isExactlyInstanceOf(type);
        DeciderFixture fixture = populatedFor(type);
        SlbState before = fixture.state();

        SlbState after = fixture.given(sample).state();

        assertThat(after.position()).isEqualTo(before.position() + 1);
        assertThat(after).as("%s changed nothing", type.getSimpleName()).isNotEqualTo(before.withPosition(after.position()));
        assertThat(DeciderFixture.pools("10.0.0.0/24").given(sample).state().position()).isEqualTo(1);
    }
}
