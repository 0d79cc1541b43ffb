package io.slb.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slb.netlink.uapi.NetlinkH;
import io.slb.sys.Errno;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** NetlinkSocket over the real libc socket and this machine's kernel (no root needed for reads). */
class NetlinkSocketIT {
    private static final int RTM_GETLINK = 18;
    /** A message type above RTM_MAX: rtnetlink refuses it (EOPNOTSUPP). */
    private static final int UNKNOWN_TYPE = 0x7FFF;
    private static final byte[] IFINFOMSG = new byte[16];

    private NetlinkSocket socket;

    @BeforeEach
    void open() throws Exception {
        socket = NetlinkSocket.open(NetlinkH.NETLINK_ROUTE);
    }

    @AfterEach
    void close() {
        socket.close();
    }

    @Test
    void kernelAssignsAPortId() {
        assertThat(socket.portId()).isNotZero();
    }

    @Test
    void linkDumpReturnsAtLeastLoopback() throws Exception {
        List<NlMessage> links = socket.execute(NlRequest.dump("RTM_GETLINK", RTM_GETLINK, IFINFOMSG));

        assertThat(links).isNotEmpty().allSatisfy(m -> assertThat(m.type()).isEqualTo(16));
    }

    @Test
    void twoDumpsInARowStayInStep() throws Exception {
        int first = socket.execute(NlRequest.dump("RTM_GETLINK", RTM_GETLINK, IFINFOMSG)).size();

        assertThat(socket.execute(NlRequest.dump("RTM_GETLINK", RTM_GETLINK, IFINFOMSG))).hasSize(first);
    }

    @Test
    void kernelRefusalIsATypedErrnoNamingTheOperation() {
        NlRequest bogus = NlRequest.of("BOGUS", UNKNOWN_TYPE, 0, IFINFOMSG);

        assertThatThrownBy(() -> socket.execute(bogus)).isInstanceOfSatisfying(NetlinkErrnoException.class, e -> {
            assertThat(e.source()).isEqualTo(NetlinkErrnoException.Source.KERNEL);
            assertThat(e.errno()).isIn(Errno.EINVAL, Errno.EOPNOTSUPP);
            assertThat(e).hasMessageStartingWith("netlink BOGUS: ");
        });
    }

    @Test
    void refusedRequestInABatchDoesNotStopTheOthers() throws Exception {
        NlRequest bogus = NlRequest.of("BOGUS", UNKNOWN_TYPE, 0, IFINFOMSG);
        NlRequest getLo = NlRequest.of("RTM_GETLINK", RTM_GETLINK, 0, loopbackIfinfomsg());

        assertThatThrownBy(() -> socket.execute(List.of(bogus, getLo))).isInstanceOf(NetlinkErrnoException.class);
        assertThat(socket.execute(getLo)).singleElement().satisfies(m -> assertThat(m.type()).isEqualTo(16));
    }

    private static byte[] loopbackIfinfomsg() {
        byte[] b = new byte[16];
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder()).putInt(4, 1);
        return b;
    }
}
