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
 * @param problem  why the session does not come up, if slb can tell (the session was refused while the
 *                 OPEN messages were exchanged); empty otherwise and once the session is established
 */
public record BgpPeerStatus(String address, long asn, String state, String routerId, Instant since, String problem) {
    public static final String ESTABLISHED = "ESTABLISHED";
    public static final String UNKNOWN = "UNKNOWN";
    public static final String OPENSENT = "OPENSENT";
    public static final String OPENCONFIRM = "OPENCONFIRM";

    /** Returns whether the session is up. */
    public boolean established() {
        return ESTABLISHED.equals(state);
    }

    /** Returns whether the peers are exchanging OPEN messages: the step where mismatched AS numbers fail. */
    boolean opening() {
        return OPENSENT.equals(state) || OPENCONFIRM.equals(state);
    }

    /** Returns this status with {@code problem}. */
    BgpPeerStatus withProblem(String problem) {
        return new BgpPeerStatus(address, asn, state, routerId, since, problem);
    }
}
