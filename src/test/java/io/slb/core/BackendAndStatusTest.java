package io.slb.core;

import static io.slb.core.Samples.addBackend;
import static io.slb.core.Samples.backend;
import static io.slb.core.Samples.backendAdded;
import static io.slb.core.Samples.backendId;
import static io.slb.core.Samples.backendRemoved;
import static io.slb.core.Samples.deleted;
import static io.slb.core.Samples.existing;
import static io.slb.core.Samples.lbId;
import static io.slb.core.Samples.removeBackend;
import static io.slb.core.Samples.report;
import static io.slb.core.Samples.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;

import io.slb.core.Rejection.Kind;
import org.junit.jupiter.api.Test;

class BackendAndStatusTest {
    private static final String POOL = "10.0.0.0/24";
    private static final int PORT = 8080;

    private static DeciderFixture oneLoadBalancer() {
        return DeciderFixture.pools(POOL).given(existing(1, "10.0.0.1"));
    }

    @Test
    void addBackendAddsIt() {
        Backend b = backend(1, "10.1.0.1", PORT);
        oneLoadBalancer().when(addBackend(1, b)).thenEvents(backendAdded(1, b));
    }

    @Test
    void addBackendWithTheSameIpAndPortIsAConflictNamingTheExistingBackend() {
        Rejection rejection = oneLoadBalancer()
                .given(backendAdded(1, backend(1, "10.1.0.1", PORT)))
                .when(addBackend(1, backend(2, "10.1.0.1", PORT)))
                .thenRejected(Kind.CONFLICT, "ip");

        assertThat(rejection.detail()).contains("10.1.0.1:8080", backendId(1).toString());
    }

    @Test
    void anIpv6BackendClashIsReportedWithBrackets() {
        Rejection rejection = oneLoadBalancer()
                .given(backendAdded(1, backend(1, "2001:db8::7", PORT)))
                .when(addBackend(1, backend(2, "2001:db8::7", PORT)))
                .thenRejected(Kind.CONFLICT, "ip");

        assertThat(rejection.detail()).contains("]:8080");
    }

    @Test
    void theSameIpOnAnotherPortOrAnotherIpOnTheSamePortIsFine() {
        DeciderFixture fixture = oneLoadBalancer().given(backendAdded(1, backend(1, "10.1.0.1", PORT)));

        Backend otherPort = backend(2, "10.1.0.1", PORT + 1);
        fixture.when(addBackend(1, otherPort)).thenEvents(backendAdded(1, otherPort));
        Backend otherIp = backend(3, "10.1.0.2", PORT);
        fixture.when(addBackend(1, otherIp)).thenEvents(backendAdded(1, otherIp));
    }

    @Test
    void theSameEndpointOnAnotherLoadBalancerIsFine() {
        Backend b = backend(2, "10.1.0.1", PORT);
        oneLoadBalancer()
                .given(existing(2, "10.0.0.2"))
                .given(backendAdded(1, backend(1, "10.1.0.1", PORT)))
                .when(addBackend(2, b))
                .thenEvents(backendAdded(2, b));
    }

    @Test
    void addBackendWithAnExistingBackendUuidIsAConflict() {
        Rejection rejection = oneLoadBalancer()
                .given(backendAdded(1, backend(1, "10.1.0.1", PORT)))
                .when(addBackend(1, backend(1, "10.1.0.2", PORT)))
                .thenRejected(Kind.CONFLICT, "uuid");

        assertThat(rejection.detail()).contains(backendId(1).toString());
    }

    @Test
    void addBackendToAnUnknownLoadBalancerIsNotFound() {
        Rejection rejection = oneLoadBalancer()
                .when(addBackend(2, backend(1, "10.1.0.1", PORT)))
                .thenRejected(Kind.NOT_FOUND, null);

        assertThat(rejection.detail()).contains(lbId(2).toString());
    }

    @Test
    void addBackendToADeletedLoadBalancerIsNotFound() {
        oneLoadBalancer()
                .given(deleted(1))
                .when(addBackend(1, backend(1, "10.1.0.1", PORT)))
                .thenRejected(Kind.NOT_FOUND, null);
    }

    @Test
    void removeBackendRemovesIt() {
        oneLoadBalancer()
                .given(backendAdded(1, backend(1, "10.1.0.1", PORT)))
                .when(removeBackend(1, 1))
                .thenEvents(backendRemoved(1, 1));
    }

    @Test
    void removeOfAnUnknownBackendIsNotFound() {
        Rejection rejection = oneLoadBalancer()
                .given(backendAdded(1, backend(1, "10.1.0.1", PORT)))
                .when(removeBackend(1, 2))
                .thenRejected(Kind.NOT_FOUND, null);

        assertThat(rejection.detail()).contains(lbId(1).toString(), backendId(2).toString());
    }

    @Test
    void removeOfARemovedBackendIsNotFound() {
        oneLoadBalancer()
                .given(backendAdded(1, backend(1, "10.1.0.1", PORT)), backendRemoved(1, 1))
                .when(removeBackend(1, 1))
                .thenRejected(Kind.NOT_FOUND, null);
    }

    @Test
    void removeBackendOfAnUnknownLoadBalancerIsNotFound() {
        oneLoadBalancer().when(removeBackend(2, 1)).thenRejected(Kind.NOT_FOUND, null);
    }

    @Test
    void aRemovedEndpointMayBeAddedAgain() {
        Backend again = backend(2, "10.1.0.1", PORT);
        oneLoadBalancer()
                .given(backendAdded(1, backend(1, "10.1.0.1", PORT)), backendRemoved(1, 1))
                .when(addBackend(1, again))
                .thenEvents(backendAdded(1, again));
    }

    @Test
    void reportingTheCurrentStatusChangesNothing() {
        oneLoadBalancer().when(report(1, Status.PENDING)).thenNothingChanges();
        oneLoadBalancer().given(statusChanged(1, Status.ACTIVE)).when(report(1, Status.ACTIVE)).thenNothingChanges();
        oneLoadBalancer()
                .given(statusChanged(1, Status.failed("ipvs", "EEXIST")))
                .when(report(1, Status.failed("ipvs", "EEXIST")))
                .thenNothingChanges();
    }

    @Test
    void reportingAnotherStatusChangesIt() {
        oneLoadBalancer().when(report(1, Status.ACTIVE)).thenEvents(statusChanged(1, Status.ACTIVE));
        Status failed = Status.failed("announce", "no interface holds 10.0.0.0/24");
        oneLoadBalancer()
                .given(statusChanged(1, Status.ACTIVE))
                .when(report(1, failed))
                .thenEvents(statusChanged(1, failed));
    }

    @Test
    void aFailureWithANewErrorIsAChange() {
        Status later = Status.failed("ipvs", "ENOMEM");
        oneLoadBalancer()
                .given(statusChanged(1, Status.failed("ipvs", "EEXIST")))
                .when(report(1, later))
                .thenEvents(statusChanged(1, later));
    }

    @Test
    void reportingOnAnUnknownOrDeletedLoadBalancerChangesNothing() {
        oneLoadBalancer().when(report(2, Status.ACTIVE)).thenNothingChanges();
        oneLoadBalancer().given(deleted(1)).when(report(1, Status.ACTIVE)).thenNothingChanges();
    }
}
