package io.slb.core;

import static io.slb.core.Samples.AT;
import static io.slb.core.Samples.assigned;
import static io.slb.core.Samples.backend;
import static io.slb.core.Samples.backendAdded;
import static io.slb.core.Samples.backendRemoved;
import static io.slb.core.Samples.created;
import static io.slb.core.Samples.deleted;
import static io.slb.core.Samples.existing;
import static io.slb.core.Samples.ip;
import static io.slb.core.Samples.lbId;
import static io.slb.core.Samples.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;

import io.slb.ipam.AddressPools;
import org.junit.jupiter.api.Test;

class EvolveTest {
    private static final long FAR_POSITION = 42;

    private final Decider decider = new Decider(AddressPools.parse("10.0.0.0/24"));

    private static DeciderFixture fixture() {
        return DeciderFixture.pools("10.0.0.0/24");
    }

    @Test
    void theEmptyStateHoldsNothingAtPositionZero() {
        assertThat(SlbState.EMPTY.all()).isEmpty();
        assertThat(SlbState.EMPTY.addressesInUse()).isEmpty();
        assertThat(SlbState.EMPTY.position()).isZero();
    }

    @Test
    void everyEventRecordsItsPosition() {
        SlbState state = fixture().given(existing(1, "10.0.0.1")).given(statusChanged(1, Status.ACTIVE)).state();
        assertThat(state.position()).isEqualTo(3);

        assertThat(decider.evolve(state, statusChanged(1, Status.PENDING), FAR_POSITION).position())
                .isEqualTo(FAR_POSITION);
    }

    @Test
    void aCreatedLoadBalancerIsPendingWithoutAddressUntilOneIsAssigned() {
        SlbState state = fixture().given(created(1)).state();

        LoadBalancer lb = state.find(lbId(1)).orElseThrow();
        assertThat(lb).isEqualTo(new LoadBalancer(lbId(1), "lb-1", null, Samples.LB_PORT, Protocol.TCP,
                Schedulers.DEFAULT, java.util.List.of(), Status.PENDING, AT));
        assertThat(state.addressesInUse()).isEmpty();

        SlbState assignedState = decider.evolve(state, assigned(1, "10.0.0.4"), 2);
        assertThat(assignedState.find(lbId(1)).orElseThrow().eip()).isEqualTo(ip("10.0.0.4"));
        assertThat(assignedState.addressesInUse()).containsExactly(ip("10.0.0.4"));
    }

    @Test
    void reassigningAnAddressFreesTheOldOne() {
        SlbState state = fixture().given(existing(1, "10.0.0.1")).given(assigned(1, "10.0.0.9")).state();

        assertThat(state.addressesInUse()).containsExactly(ip("10.0.0.9"));
    }

    @Test
    void deletingFreesTheAddress() {
        SlbState state = fixture().given(existing(1, "10.0.0.1")).given(existing(2, "10.0.0.2")).given(deleted(1)).state();

        assertThat(state.find(lbId(1))).isEmpty();
        assertThat(state.addressesInUse()).containsExactly(ip("10.0.0.2"));
    }

    @Test
    void eventsAfterADeleteOnlyMoveThePosition() {
        Backend b = backend(1, "10.1.0.1", 80);
        DeciderFixture fixture = fixture().given(existing(1, "10.0.0.1")).given(existing(2, "10.0.0.2"));
        SlbState before = fixture.given(deleted(1)).state();

        SlbState after = fixture.given(backendAdded(1, b), statusChanged(1, Status.ACTIVE), backendRemoved(1, 1),
                assigned(1, "10.0.0.7"), deleted(1)).state();

        assertThat(after.position()).isEqualTo(before.position() + 5);
        assertThat(after.all()).containsExactlyElementsOf(before.all());
        assertThat(after.addressesInUse()).containsExactly(ip("10.0.0.2"));
    }

    @Test
    void eventsAboutALoadBalancerThatNeverExistedOnlyMoveThePosition() {
        SlbState state = fixture().given(backendRemoved(7, 1), statusChanged(7, Status.ACTIVE), deleted(7)).state();

        assertThat(state.all()).isEmpty();
        assertThat(state.addressesInUse()).isEmpty();
        assertThat(state.position()).isEqualTo(3);
    }

    @Test
    void loadBalancersKeepCreationOrderThroughUpdatesAndDeletes() {
        DeciderFixture fixture = fixture()
                .given(existing(3, "10.0.0.3"))
                .given(existing(1, "10.0.0.1"))
                .given(existing(2, "10.0.0.2"));
        assertThat(fixture.state().all()).extracting(LoadBalancer::uuid).containsExactly(lbId(3), lbId(1), lbId(2));

        fixture.given(backendAdded(3, backend(1, "10.1.0.1", 80)), statusChanged(3, Status.ACTIVE), deleted(1));
        assertThat(fixture.state().all()).extracting(LoadBalancer::uuid).containsExactly(lbId(3), lbId(2));

        fixture.given(created(1));
        assertThat(fixture.state().all()).extracting(LoadBalancer::uuid).containsExactly(lbId(3), lbId(2), lbId(1));
    }

    @Test
    void backendsKeepTheOrderTheyWereAddedIn() {
        Backend first = backend(1, "10.1.0.1", 80);
        Backend second = backend(2, "10.1.0.2", 80);
        Backend third = backend(3, "10.1.0.3", 80);

        SlbState state = fixture().given(existing(1, "10.0.0.1"))
                .given(backendAdded(1, first), backendAdded(1, second), backendAdded(1, third), backendRemoved(1, 2))
                .state();

        assertThat(state.find(lbId(1)).orElseThrow().backends()).containsExactly(first, third);
    }

    @Test
    void statusChangedSetsTheStatus() {
        Status failed = Status.failed("ipvs", "EPERM");
        SlbState state = fixture().given(existing(1, "10.0.0.1")).given(statusChanged(1, failed)).state();

        assertThat(state.find(lbId(1)).orElseThrow().status()).isEqualTo(failed);
    }

    @Test
    void evolveLeavesTheGivenStateUntouched() {
        SlbState before = fixture().given(existing(1, "10.0.0.1")).state();
        SlbState copy = new SlbState(before.loadBalancers(), before.addressesInUse(), before.addressRefs(),
                before.pendingReleases(), before.position());

        decider.evolve(before, deleted(1), 3);
        decider.evolve(before, backendAdded(1, backend(1, "10.1.0.1", 80)), 3);

        assertThat(before).isEqualTo(copy);
        assertThat(before.find(lbId(1)).orElseThrow().backends()).isEmpty();
    }
}
