package io.slb.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.slb.core.Decision.Accepted;
import io.slb.core.Decision.Rejected;
import io.slb.core.Rejection.Kind;
import io.slb.ipam.AddressPools;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * DeciderFixture runs one given(events) → when(command) → then(events | rejection) scenario
 * against a real {@link Decider}. Given events are folded with {@link Decider#evolve} at journal
 * positions 1, 2, 3, … Not thread safe; one fixture per test.
 */
final class DeciderFixture {
    private final Decider decider;
    private SlbState state = SlbState.EMPTY;
    private @Nullable Decision decision;

    private DeciderFixture(AddressSource source) {
        this.decider = new Decider(source);
    }

    /** Returns a fixture whose decider takes addresses from external provider {@link Samples#PROVIDER}. */
    static DeciderFixture external() {
        return new DeciderFixture(AddressSource.external(Samples.PROVIDER, "--equinixMetal"));
    }

    /** Returns a fixture whose decider hands out addresses from {@code ipamRange}. */
    static DeciderFixture pools(String ipamRange) {
        return new DeciderFixture(AddressSource.local(AddressPools.parse(ipamRange)));
    }

    static DeciderFixture noPools() {
        return new DeciderFixture(AddressSource.local(AddressPools.NONE));
    }

    DeciderFixture given(Event... events) {
        for (Event event : events) {
            state = decider.evolve(state, event, state.position() + 1);
        }
        return this;
    }

    DeciderFixture when(Command command) {
        decision = decider.decide(state, command);
        return this;
    }

    /** Asserts the command was accepted with exactly {@code expected}, in order. */
    void thenEvents(Event... expected) {
        assertThat(accepted().events()).containsExactly(expected);
    }

    /** Asserts the command was accepted and changes nothing. */
    void thenNothingChanges() {
        assertThat(accepted().events()).isEmpty();
    }

    /** Asserts the command was refused with {@code kind} at {@code field}; returns the rejection. */
    Rejection thenRejected(Kind kind, @Nullable String field) {
        if (!(decision instanceof Rejected rejected)) {
            return fail("expected a %s rejection but got %s", kind, decision);
        }
        assertThat(rejected.rejection().kind()).as("kind of %s", rejected).isEqualTo(kind);
        assertThat(rejected.rejection().field()).as("field of %s", rejected).isEqualTo(field);
        return rejected.rejection();
    }

    /** Decides {@code command}, requires it to be accepted, folds its events in and returns them. */
    List<Event> accept(Command command) {
        List<Event> events = when(command).accepted().events();
        given(events.toArray(Event[]::new));
        return events;
    }

    Decision decision() {
        assertThat(decision).as("when(command) was not called").isNotNull();
        return decision;
    }

    SlbState state() {
        return state;
    }

    Decider decider() {
        return decider;
    }

    private Accepted accepted() {
        Decision d = decision();
        if (!(d instanceof Accepted accepted)) {
            return fail("expected the command to be accepted but got %s", d);
        }
        return accepted;
    }
}
