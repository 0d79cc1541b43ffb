package io.slb.netlink.genl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.slb.netlink.NetlinkErrnoException;
import io.slb.netlink.NetlinkSocket;
import io.slb.netlink.uapi.GenetlinkH;
import io.slb.netlink.uapi.NetlinkH;
import io.slb.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Generic netlink family resolution against this machine's kernel. */
class GenlConnectionIT {
    private NetlinkSocket socket;

    @BeforeEach
    void open() throws Exception {
        Prerequisites.requireRoot();
        socket = NetlinkSocket.open(NetlinkH.NETLINK_GENERIC);
    }

    @AfterEach
    void close() {
        if (socket != null) {
            socket.close();
        }
    }

    @Test
    void controllerResolvesItself() throws Exception {
        GenlFamily nlctrl = GenlConnection.resolve(socket, "nlctrl");

        assertThat(nlctrl.id()).isEqualTo(GenetlinkH.GENL_ID_CTRL);
        assertThat(nlctrl.name()).isEqualTo("nlctrl");
        assertThat(nlctrl.version()).isPositive();
        assertThat(nlctrl.multicastGroups()).containsKey("notify");
    }

    @Test
    void unknownFamilyIsATypedEnoent() {
        assertThatThrownBy(() -> GenlConnection.resolve(socket, "slb-no-family"))
                .isInstanceOfSatisfying(NetlinkErrnoException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("ENOENT");
                    assertThat(e.source()).isEqualTo(NetlinkErrnoException.Source.KERNEL);
                    assertThat(e).hasMessageStartingWith("netlink CTRL_CMD_GETFAMILY slb-no-family: ENOENT (2)");
                });
    }

    @Test
    void ipvsResolvesExactlyWhenTheKernelHasIpvs() {
        // GETFAMILY may autoload ip_vs, so ask first and check the independent reader afterwards.
        Throwable failure = catchThrowable(() -> {
            GenlFamily ipvs = GenlConnection.resolve(socket, "IPVS");
            assertThat(ipvs.name()).isEqualTo("IPVS");
            assertThat(ipvs.id()).isGreaterThanOrEqualTo(GenetlinkH.GENL_MIN_ID);
            assertThat(ipvs.maxAttr()).isPositive();
        });
        boolean kernelHasIpvs = Files.exists(Path.of("/proc/net/ip_vs"));

        if (kernelHasIpvs) {
            assertThat(failure).isNull();
        } else {
            assertThat(failure).isInstanceOfSatisfying(NetlinkErrnoException.class,
                    e -> assertThat(e.errnoName()).isEqualTo("ENOENT"));
        }
    }
}
