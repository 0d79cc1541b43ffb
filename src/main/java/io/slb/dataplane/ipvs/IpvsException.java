package io.slb.dataplane.ipvs;

import io.slb.netlink.NetlinkException;
import java.io.IOException;

/**
 * IpvsException is a failed change to the IPVS table, naming what slb tried and the kernel's answer:
 * {@code ipvs: add destination 10.0.0.2:80 masq weight 1 to TCP 10.0.0.1:80: netlink IPVS_CMD_NEW_DEST:
 * EINVAL (22), seq 9}. The cause is the {@link NetlinkException}.
 */
public final class IpvsException extends IOException {
    IpvsException(String attempt, NetlinkException cause) {
        super("ipvs: " + attempt + ": " + cause.getMessage(), cause);
    }
}
