package io.slb.announce.bgp;

import java.time.Instant;

/**
 * BgpPeerStatus is what slb last heard about one configured neighbour from gobgpd's peer events.
 *
 * @param address  the neighbour's address
 * @param asn      the neighbour's AS
 * @param state    the session state as gobgpd names it ({@code ESTABLISHED}, {@code ACTIVE}, ...), or
 *                 {@code UNKNOWN} while gobgpd is unreachable or has not reported the peer yet
 * @param routerId the neighbour's router id once the session reached OPENCONFIRM, else empty
 * @param since    when slb saw the peer enter this state
 */
public record BgpPeerStatus(String address, long asn, String state, String routerId, Instant since) {
    public static final String ESTABLISHED = "ESTABLISHED";
    public static final String UNKNOWN = "UNKNOWN";

    /** Returns whether the session is up. */
    public boolean established() {
        return ESTABLISHED.equals(state);
    }
}
