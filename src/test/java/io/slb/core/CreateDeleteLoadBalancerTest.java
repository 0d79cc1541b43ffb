package io.slb.core;

import static io.slb.core.Samples.assigned;
import static io.slb.core.Samples.create;
import static io.slb.core.Samples.createWanting;
import static io.slb.core.Samples.created;
import static io.slb.core.Samples.deleted;
import static io.slb.core.Samples.delete;
import static io.slb.core.Samples.existing;
import static io.slb.core.Samples.ip;
import static io.slb.core.Samples.lbId;
import static org.assertj.core.api.Assertions.assertThat;

import io.slb.core.Rejection.Kind;
import org.junit.jupiter.api.Test;

class CreateDeleteLoadBalancerTest {

    @Test
    void createAssignsTheLowestAddressOfTheFirstRange() {
        DeciderFixture.pools("10.0.0.0/30,10.0.1.0/24")
                .when(create(1))
                .thenEvents(created(1), assigned(1, "10.0.0.1"));
    }

    @Test
    void createSkipsAddressesInUse() {
        DeciderFixture.pools("10.0.0.0/24")
                .given(existing(1, "10.0.0.1"))
                .given(existing(2, "10.0.0.3"))
                .when(create(3))
                .thenEvents(created(3), assigned(3, "10.0.0.2"));
    }

    @Test
    void createMovesToTheNextRangeWhenTheFirstIsFull() {
        DeciderFixture.pools("10.0.0.5,2001:db8::/127,10.0.1.0/24")
                .given(existing(1, "10.0.0.5"))
                .when(create(2))
                .thenEvents(created(2), assigned(2, "2001:db8::"));
    }

    @Test
    void sameStateAndCommandGiveTheSameDecision() {
        DeciderFixture fixture = DeciderFixture.pools("10.0.0.0/24").given(existing(1, "10.0.0.1"));

        Decision first = fixture.when(create(2)).decision();
        Decision second = fixture.when(create(2)).decision();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void createWithAFreeWantedEipInAPoolGetsIt() {
        DeciderFixture.pools("10.0.0.0/24")
                .when(createWanting(1, "10.0.0.77"))
                .thenEvents(created(1), assigned(1, "10.0.0.77"));
    }

    @Test
    void createWithAWantedIpv6EipGetsIt() {
        DeciderFixture.pools("10.0.0.0/24,2001:db8::/64")
                .when(createWanting(1, "2001:db8::beef"))
                .thenEvents(created(1), assigned(1, "2001:db8::beef"));
    }

    @Test
    void createWithAWantedEipInUseIsAConflict() {
        Rejection rejection = DeciderFixture.pools("10.0.0.0/24")
                .given(existing(1, "10.0.0.9"))
                .when(createWanting(2, "10.0.0.9"))
                .thenRejected(Kind.CONFLICT, "eip");

        assertThat(rejection.detail()).contains("10.0.0.9", "in use");
    }

    @Test
    void createWithAWantedEipOutsideEveryPoolIsInvalid() {
        Rejection rejection = DeciderFixture.pools("10.0.0.0/24,10.0.2.1-10.0.2.9")
                .when(createWanting(1, "192.168.1.1"))
                .thenRejected(Kind.INVALID, "eip");

        assertThat(rejection.detail()).contains("192.168.1.1", "10.0.0.0/24,10.0.2.1-10.0.2.9");
    }

    @Test
    void createWithTheNetworkAddressOfAPoolCidrIsInvalid() {
        DeciderFixture.pools("10.0.0.0/24")
                .when(createWanting(1, "10.0.0.0"))
                .thenRejected(Kind.INVALID, "eip");
    }

    @Test
    void createWithAWantedEipButNoPoolsIsInvalid() {
        DeciderFixture.noPools()
                .when(createWanting(1, "10.0.0.1"))
                .thenRejected(Kind.INVALID, "eip");
    }

    @Test
    void createWhenEveryAddressIsTakenIsExhaustedAndNamesThePools() {
        Rejection rejection = DeciderFixture.pools("10.0.0.1-10.0.0.2")
                .given(existing(1, "10.0.0.1"))
                .given(existing(2, "10.0.0.2"))
                .when(create(3))
                .thenRejected(Kind.EXHAUSTED, null);

        assertThat(rejection.detail()).contains("10.0.0.1-10.0.0.2", "in use");
    }

    @Test
    void createWithNoPoolsConfiguredIsExhaustedAndSaysHowToConfigure() {
        Rejection rejection = DeciderFixture.noPools()
                .when(create(1))
                .thenRejected(Kind.EXHAUSTED, null);

        assertThat(rejection.detail()).contains("no address pool", "--ipamRange");
    }

    @Test
    void createWithAnExistingUuidIsAConflict() {
        Rejection rejection = DeciderFixture.pools("10.0.0.0/24")
                .given(existing(1, "10.0.0.1"))
                .when(create(1))
                .thenRejected(Kind.CONFLICT, "uuid");

        assertThat(rejection.detail()).contains(lbId(1).toString());
    }

    @Test
    void deleteOfAnExistingLoadBalancerDeletesIt() {
        DeciderFixture.pools("10.0.0.0/24")
                .given(existing(1, "10.0.0.1"))
                .when(delete(1))
                .thenEvents(deleted(1));
    }

    @Test
    void deleteOfAnUnknownLoadBalancerIsNotFound() {
        Rejection rejection = DeciderFixture.pools("10.0.0.0/24")
                .given(existing(1, "10.0.0.1"))
                .when(delete(2))
                .thenRejected(Kind.NOT_FOUND, null);

        assertThat(rejection.detail()).contains(lbId(2).toString());
    }

    @Test
    void deleteOfADeletedLoadBalancerIsNotFound() {
        DeciderFixture.pools("10.0.0.0/24")
                .given(existing(1, "10.0.0.1"))
                .given(deleted(1))
                .when(delete(1))
                .thenRejected(Kind.NOT_FOUND, null);
    }

    @Test
    void deleteReturnsTheAddressToThePool() {
        DeciderFixture.pools("10.0.0.0/24")
                .given(existing(1, "10.0.0.1"))
                .given(existing(2, "10.0.0.2"))
                .given(deleted(1))
                .when(create(3))
                .thenEvents(created(3), assigned(3, "10.0.0.1"));
    }

    @Test
    void aDeletedUuidMayBeCreatedAgain() {
        DeciderFixture.pools("10.0.0.0/24")
                .given(existing(1, "10.0.0.1"))
                .given(deleted(1))
                .when(create(1))
                .thenEvents(created(1), assigned(1, "10.0.0.1"));
    }

    @Test
    void aWantedEipIsFreeAgainAfterItsHolderIsDeleted() {
        DeciderFixture fixture = DeciderFixture.pools("10.0.0.0/24")
                .given(existing(1, "10.0.0.50"))
                .given(deleted(1));

        fixture.when(createWanting(2, "10.0.0.50")).thenEvents(created(2), assigned(2, "10.0.0.50"));
        assertThat(fixture.state().addressesInUse()).isEmpty();
    }

    @Test
    void theWantedEipCountsAsInUseForLaterCreates() {
        DeciderFixture fixture = DeciderFixture.pools("10.0.0.0/24");
        fixture.accept(createWanting(1, "10.0.0.1"));

        fixture.when(create(2)).thenEvents(created(2), assigned(2, "10.0.0.2"));
        assertThat(fixture.state().addressesInUse()).containsExactly(ip("10.0.0.1"));
    }
}
