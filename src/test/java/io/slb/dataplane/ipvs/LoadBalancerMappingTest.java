package io.slb.dataplane.ipvs;

import static io.slb.dataplane.ipvs.IpvsClientKernelTest.ip;
import static io.slb.dataplane.ipvs.LoadBalancers.backend;
import static io.slb.dataplane.ipvs.LoadBalancers.lb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slb.core.ForwardMethod;
import io.slb.core.LoadBalancer;
import io.slb.core.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadBalancerMappingTest {
    @Test
    void aLoadBalancerIsAServiceWithOneDestinationPerBackend() {
        LoadBalancer lb = lb("fd00::6", 53, Protocol.UDP, "wlc", backend("fd00:200::2", 5353, 4, ForwardMethod.ROUTE),
                backend("fd00:200::3", 5353, 1, ForwardMethod.TUNNEL));

        assertThat(LoadBalancerMapping.desired(lb)).isEqualTo(new ServiceState(
                VirtualService.of(VirtualServiceKey.Tuple.of(IpProtocol.UDP, ip("fd00::6"), 53), "wlc"),
                List.of(Destination.of(ip("fd00:200::2"), 5353, ForwardMethod.ROUTE, 4),
                        Destination.of(ip("fd00:200::3"), 5353, ForwardMethod.TUNNEL, 1))));
    }

    @Test
    void aLoadBalancerWithoutAddressHasNoService() {
        LoadBalancer lb = lb("10.0.0.1", 80, Protocol.TCP, "rr").withEip(null);

        assertThatThrownBy(() -> LoadBalancerMapping.key(lb)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("load balancer " + lb.uuid() + ": no address (expected: an eip)");
    }

    @Test
    void commandsAndAttributesPrintWithTheKernelsNames() {
        assertThat(IpvsNames.COMMANDS.apply(5)).isEqualTo("IPVS_CMD_NEW_DEST");
        assertThat(IpvsNames.COMMANDS.apply(1)).isEqualTo("IPVS_CMD_NEW_SERVICE");
        assertThat(IpvsNames.SVC_ATTRS.apply(4)).isEqualTo("IPVS_SVC_ATTR_PORT");
        assertThat(IpvsNames.DEST_ATTRS.apply(11)).isEqualTo("IPVS_DEST_ATTR_ADDR_FAMILY");
        assertThat(IpvsNames.SVC_ATTRS.apply(99)).isEqualTo("IPVS_SVC_ATTR_99");
    }
}
