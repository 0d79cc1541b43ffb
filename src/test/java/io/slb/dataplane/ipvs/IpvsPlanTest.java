package io.slb.dataplane.ipvs;

import static io.slb.dataplane.ipvs.IpvsClientKernelTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slb.core.ForwardMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpvsPlanTest {
    private static final VirtualServiceKey WEB = VirtualServiceKey.Tuple.of(IpProtocol.TCP, ip("10.0.0.1"), 80);
    private static final VirtualServiceKey DNS = VirtualServiceKey.Tuple.of(IpProtocol.UDP, ip("10.0.0.1"), 53);
    private static final Destination A = Destination.of(ip("10.1.0.1"), 80, ForwardMethod.MASQ, 1);
    private static final Destination B = Destination.of(ip("10.1.0.2"), 80, ForwardMethod.MASQ, 1);
    private static final Destination C = Destination.of(ip("10.1.0.3"), 80, ForwardMethod.MASQ, 1);

    @Test
    void equalTablesNeedNoChange() {
        List<ServiceState> table = List.of(state(VirtualService.of(WEB, "rr"), A, B), state(VirtualService.of(DNS, "wlc")));

        assertThat(IpvsPlan.diff(table, List.copyOf(table))).isEmpty();
    }

    @Test
    void aMissingServiceIsAddedBeforeItsDestinations() {
        VirtualService web = VirtualService.of(WEB, "rr");

        assertThat(IpvsPlan.diff(List.of(state(web, A, B)), List.of())).containsExactly(
                new IpvsOp.AddService(web), new IpvsOp.AddDestination(WEB, A), new IpvsOp.AddDestination(WEB, B));
    }

    @Test
    void surplusServicesAreDeletedFirst() {
        VirtualService web = VirtualService.of(WEB, "rr");

        assertThat(IpvsPlan.diff(List.of(state(web)), List.of(state(VirtualService.of(DNS, "rr"), A), state(web))))
                .containsExactly(new IpvsOp.DelService(DNS));
    }

    @Test
    void changedSchedulerOrPersistenceEditsTheServiceAndKeepsItsDestinations() {
        VirtualService before = VirtualService.of(WEB, "rr");
        VirtualService after = VirtualService.of(WEB, "wlc").persistent(300);

        assertThat(IpvsPlan.diff(List.of(state(after, A)), List.of(state(before, A))))
                .containsExactly(new IpvsOp.EditService(after));
    }

    @Test
    void destinationsAreDeletedThenEditedThenAdded() {
        VirtualService web = VirtualService.of(WEB, "rr");
        Destination heavierB = Destination.of(B.address(), B.port(), ForwardMethod.ROUTE, 5);

        assertThat(IpvsPlan.diff(List.of(state(web, heavierB, C)), List.of(state(web, A, B)))).containsExactly(
                new IpvsOp.DelDestination(WEB, A), new IpvsOp.EditDestination(WEB, heavierB), new IpvsOp.AddDestination(WEB, C));
    }

    @Test
    void aDestinationIsMatchedByAddressAndPortOnly() {
        VirtualService web = VirtualService.of(WEB, "rr");
        Destination otherPort = Destination.of(A.address(), 8080, ForwardMethod.MASQ, 1);

        assertThat(IpvsPlan.diff(List.of(state(web, otherPort)), List.of(state(web, A))))
                .containsExactly(new IpvsOp.DelDestination(WEB, A), new IpvsOp.AddDestination(WEB, otherPort));
    }

    @Test
    void aKeyTwiceOnOneSideIsRefused() {
        VirtualService web = VirtualService.of(WEB, "rr");

        assertThatThrownBy(() -> IpvsPlan.diff(List.of(state(web), state(web)), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("desired service: TCP 10.0.0.1:80 twice (expected: once)");
        assertThatThrownBy(() -> IpvsPlan.diff(List.of(state(web, A, A)), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.1.0.1:80 twice");
    }

    private static ServiceState state(VirtualService service, Destination... destinations) {
        return new ServiceState(service, List.of(destinations));
    }
}
