package io.slb.core;

import static io.slb.core.Samples.PROVIDER;
import static io.slb.core.Samples.assign;
import static io.slb.core.Samples.confirmRelease;
import static io.slb.core.Samples.create;
import static io.slb.core.Samples.createWanting;
import static io.slb.core.Samples.created;
import static io.slb.core.Samples.delete;
import static io.slb.core.Samples.deleted;
import static io.slb.core.Samples.existing;
import static io.slb.core.Samples.granted;
import static io.slb.core.Samples.ip;
import static io.slb.core.Samples.lbId;
import static io.slb.core.Samples.ref;
import static io.slb.core.Samples.released;
import static org.assertj.core.api.Assertions.assertThat;

import io.slb.core.Rejection.Kind;
import org.junit.jupiter.api.Test;

/** Addresses from an external provider: granted after create, released after delete, never lost in between. */
class ExternalAddressTest {
    private static final String EIP = "147.75.0.1";

    @Test
    void createRecordsTheLoadBalancerWithoutAnAddress() {
        DeciderFixture fixture = DeciderFixture.external();

        fixture.when(create(1)).thenEvents(created(1));

        LoadBalancer lb = fixture.given(created(1)).state().find(lbId(1)).orElseThrow();
        assertThat(lb.eip()).isNull();
        assertThat(lb.status()).isEqualTo(Status.PENDING);
    }

    @Test
    void createWantingAnAddressIsRefusedBecauseTheProviderChooses() {
        Rejection rejection = DeciderFixture.external().when(createWanting(1, EIP)).thenRejected(Kind.INVALID, "eip");

        assertThat(rejection.detail()).isEqualTo("--equinixMetal chooses addresses; leave out eip");
    }

    @Test
    void assignGivesTheLoadBalancerItsAddressAndRemembersTheRef() {
        DeciderFixture fixture = DeciderFixture.external().given(created(1));

        fixture.when(assign(1, EIP)).thenEvents(granted(1, EIP));

        SlbState state = fixture.given(granted(1, EIP)).state();
        assertThat(state.find(lbId(1)).orElseThrow().eip()).isEqualTo(ip(EIP));
        assertThat(state.addressRef(lbId(1))).isEqualTo(ref(1));
        assertThat(state.addressesInUse()).containsExactly(ip(EIP));
    }

    @Test
    void assignForADeletedLoadBalancerIsNotFoundSoTheProviderGivesTheGrantBack() {
        DeciderFixture.external().given(created(1), deleted(1))
                .when(assign(1, EIP)).thenRejected(Kind.NOT_FOUND, null);
    }

    @Test
    void assigningTheSameGrantAgainChangesNothing() {
        DeciderFixture.external().given(created(1), granted(1, EIP)).when(assign(1, EIP)).thenNothingChanges();
    }

    @Test
    void assigningASecondAddressIsAConflict() {
        Rejection rejection = DeciderFixture.external().given(created(1), granted(1, EIP))
                .when(assign(1, "147.75.0.2")).thenRejected(Kind.CONFLICT, "eip");

        assertThat(rejection.detail()).contains("already has address " + EIP);
    }

    @Test
    void assigningAnAddressAnotherLoadBalancerHoldsIsAConflict() {
        Rejection rejection = DeciderFixture.external().given(created(1), granted(1, EIP), created(2))
                .when(assign(2, EIP)).thenRejected(Kind.CONFLICT, "eip");

        assertThat(rejection.detail()).isEqualTo("eip " + EIP + " is already in use");
    }

    @Test
    void assignIsRefusedWhenAddressesComeFromLocalPools() {
        DeciderFixture.pools("10.0.0.0/24").given(created(1))
                .when(assign(1, EIP)).thenRejected(Kind.INVALID, "eip");
    }

    @Test
    void deleteRecordsAPendingReleaseWithTheAddressAndRef() {
        DeciderFixture fixture = DeciderFixture.external().given(created(1), granted(1, EIP));

        fixture.when(delete(1)).thenEvents(deleted(1));

        SlbState state = fixture.given(deleted(1)).state();
        assertThat(state.pendingReleases()).containsExactly(
                java.util.Map.entry(lbId(1), new PendingRelease(ip(EIP), PROVIDER, ref(1))));
        assertThat(state.addressRefs()).isEmpty();
        assertThat(state.addressesInUse()).isEmpty();
    }

    @Test
    void deleteBeforeTheGrantRecordsAReleaseTheProviderResolvesByUuid() {
        SlbState state = DeciderFixture.external().given(created(1), deleted(1)).state();

        assertThat(state.pendingReleases()).containsEntry(lbId(1), new PendingRelease(null, PROVIDER, null));
    }

    @Test
    void confirmReleaseClearsThePendingReleaseAndIsIdempotent() {
        DeciderFixture fixture = DeciderFixture.external().given(created(1), granted(1, EIP), deleted(1));

        fixture.when(confirmRelease(1)).thenEvents(released(1));

        fixture.given(released(1));
        assertThat(fixture.state().pendingReleases()).isEmpty();
        fixture.when(confirmRelease(1)).thenNothingChanges();
    }

    @Test
    void localAddressesNeedNoRelease() {
        SlbState state = DeciderFixture.pools("10.0.0.0/24").given(existing(1, "10.0.0.1")).given(deleted(1)).state();

        assertThat(state.pendingReleases()).isEmpty();
    }
}
