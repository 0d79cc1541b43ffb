package io.slb.announce.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.slb.announce.bgp.apipb.Peer;
import io.slb.announce.bgp.apipb.PeerState;
import io.slb.announce.bgp.apipb.PeerState.SessionState;
import io.slb.announce.bgp.apipb.WatchEventResponse.PeerEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** Peer states from gobgpd's peer events: transitions published, and a session refused while opening explained. */
class PeerStatesTest {
    private static final BgpPeer ROUTER = BgpPeer.parse("10.99.0.2:65530");

    private final PeerStates states = new PeerStates(List.of(ROUTER), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    private final List<BgpPeerStatus> published = new CopyOnWriteArrayList<>();
    private final Disposable subscription = states.changes().subscribe(published::add);

    @AfterEach
    void stop() {
        subscription.dispose();
    }

    private void event(SessionState state) {
        states.record(PeerEvent.newBuilder().setType(PeerEvent.Type.STATE).setPeer(Peer.newBuilder()
                .setState(PeerState.newBuilder().setNeighborAddress("10.99.0.2").setPeerAsn(65530)
                        .setSessionState(state).setRouterId(state == SessionState.ESTABLISHED ? "10.99.0.2" : "<nil>")))
                .build());
    }

    private BgpPeerStatus current() {
        return states.all().get(0);
    }

    @Test
    void configuredPeersStartUnknownAndEveryChangeIsPublished() {
        assertThat(current().state()).isEqualTo(BgpPeerStatus.UNKNOWN);
        event(SessionState.ACTIVE);
        event(SessionState.ACTIVE);
        event(SessionState.OPENSENT);
        event(SessionState.OPENCONFIRM);
        event(SessionState.ESTABLISHED);

        assertThat(published).extracting(BgpPeerStatus::state).containsExactly("ACTIVE", "OPENSENT", "OPENCONFIRM", "ESTABLISHED");
        assertThat(current().routerId()).isEqualTo("10.99.0.2");
        assertThat(current().problem()).isEmpty();
    }

    @Test
    void aSessionDroppedWhileOpeningIsARefusalUntilOneIsEstablished() {
        for (int attempt = 1; attempt <= 2; attempt++) {
            event(SessionState.ACTIVE);
            event(SessionState.OPENSENT);
            event(SessionState.OPENCONFIRM);
            event(SessionState.IDLE);
            assertThat(current().state()).isEqualTo("IDLE");
            assertThat(current().problem()).startsWith("refused during OPENCONFIRM (" + attempt + " in a row): one side"
                    + " rejected the other's OPEN message; check the AS numbers");
        }
        event(SessionState.ACTIVE);
        assertThat(current().problem()).as("kept while the peer cycles").startsWith("refused during OPENCONFIRM (2 in a row)");
        assertThat(published.get(published.size() - 1).problem()).isEqualTo(current().problem());

        event(SessionState.OPENSENT);
        event(SessionState.OPENCONFIRM);
        event(SessionState.ESTABLISHED);
        assertThat(current().problem()).isEmpty();
        event(SessionState.IDLE);
        assertThat(current().problem()).as("a dropped established session is no refusal").isEmpty();
    }

    @Test
    void losingGobgpdMakesEveryPeerUnknownWithoutAProblem() {
        event(SessionState.OPENSENT);
        event(SessionState.IDLE);
        states.unknownAll();
        assertThat(current().state()).isEqualTo(BgpPeerStatus.UNKNOWN);
        assertThat(current().problem()).isEmpty();
    }
}
