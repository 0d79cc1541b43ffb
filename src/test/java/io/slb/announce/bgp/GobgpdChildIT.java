package io.slb.announce.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.slb.testing.Prerequisites;
import io.slb.testing.Shell;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --gobgpd PATH}: slb starts gobgpd as its child in its own namespace (no gobgpd started by hand),
 * even over a stale socket file that would make gobgpd exit, announces through it, and on SIGTERM stops
 * it with SIGTERM: gobgpd sends CEASE to bird, removes its socket and is gone when slb has exited.
 */
class GobgpdChildIT {
    /** What the JVM exits with after SIGTERM (128 + 15) once its shutdown hooks ran. */
    private static final int EXIT_ON_SIGTERM = 143;

    private @Nullable BgpLab lab;

    @AfterEach
    void stop() {
        if (lab != null) {
            lab.close(); // stops the slb started on it first
        }
    }

    private static String gobgpd() {
        Prerequisites.requireRoot();
        Prerequisites.requireCommand("gobgpd");
        Prerequisites.requireCommand("bird");
        Prerequisites.requireCommand("curl");
        Prerequisites.slbJar();
        return Shell.check("sh", "-c", "command -v gobgpd").strip();
    }

    @Test
    void slbRunsGobgpdAsItsChildAndStopsItCleanlyOnSigterm() throws Exception {
        String gobgpd = gobgpd();
        BgpLab l = BgpLab.withoutGobgpd();
        lab = l;
        leaveStaleSocket(l.apiSocket);

        SpeakerSlb s = SpeakerSlb.start(l, "--gobgpd", gobgpd);
        Awaitility.await("bird's session with slb's gobgpd").atMost(BgpLayer3IT.SESSION_UP).until(l::sessionUp);
        List<Long> children = l.gobgpdPids();
        assertThat(children).hasSize(1);
        long child = children.get(0);
        assertThat(ProcessHandle.of(child).flatMap(ProcessHandle::parent).map(ProcessHandle::pid)).contains(s.pid());
        String uuid = s.create("{\"name\":\"web\",\"port\":8080}");
        String prefix = s.get("/loadbalancer/" + uuid).get("eip").asText() + "/32";
        Awaitility.await("VIP at bird").atMost(BgpLayer3IT.ROUTE_SEEN).until(() -> l.birdRouteCount(prefix) == 1);

        assertThat(s.terminate()).isEqualTo(EXIT_ON_SIGTERM);
        assertThat(ProcessHandle.of(child).filter(ProcessHandle::isAlive)).as("gobgpd pid %d", child).isEmpty();
        assertThat(l.gobgpdPids()).isEmpty();
        assertThat(l.apiSocket).doesNotExist();
        // NB: faster than bird's 9 s hold time, so the route went with gobgpd's CEASE, not a timeout.
        Awaitility.await("VIP withdrawn at bird").atMost(BgpLayer3IT.ROUTE_SEEN).until(() -> l.birdRouteCount(prefix) == 0);
        // NB: bird's log, not its protocol status, which moves on to its next connect attempt at once.
        assertThat(l.birdLog()).contains("Received: Peer de-configured");
        assertThat(s.log()).contains("bgp: started gobgpd (pid " + child + ")", "bgp: stopped gobgpd (pid " + child + ")")
                .doesNotContain("exited with");
    }

    /**
     * slb killed with SIGKILL cannot stop its gobgpd, which lives on with the BGP port and the routes but
     * no API socket a new slb could reach; slb started again stops it (found by its pid file) and runs a
     * fresh one, and the VIP is back at bird through it.
     */
    @Test
    void aGobgpdLeftByAKilledSlbIsReplacedWhenSlbStartsAgain() throws Exception {
        String gobgpd = gobgpd();
        BgpLab l = BgpLab.withoutGobgpd();
        lab = l;
        SpeakerSlb first = SpeakerSlb.start(l, "--gobgpd", gobgpd);
        Awaitility.await("bird's session with slb's gobgpd").atMost(BgpLayer3IT.SESSION_UP).until(l::sessionUp);
        String uuid = first.create("{\"name\":\"web\",\"port\":8080}");
        String prefix = first.get("/loadbalancer/" + uuid).get("eip").asText() + "/32";
        Awaitility.await("VIP at bird").atMost(BgpLayer3IT.ROUTE_SEEN).until(() -> l.birdRouteCount(prefix) == 1);
        long orphan = l.gobgpdPids().get(0);

        first.kill();
        first.close();
        assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).as("gobgpd outlives a SIGKILLed slb").isPresent();

        SpeakerSlb second = SpeakerSlb.start(l, "--gobgpd", gobgpd);
        assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).as("orphan gobgpd pid %d", orphan).isEmpty();
        List<Long> now = l.gobgpdPids();
        assertThat(now).hasSize(1).doesNotContain(orphan);
        Awaitility.await("bird's session with the new gobgpd").atMost(BgpLayer3IT.SESSION_UP).until(l::sessionUp);
        Awaitility.await("VIP at bird again").atMost(BgpLayer3IT.SESSION_UP).until(() -> l.birdRouteCount(prefix) == 1);
        assertThat(second.log()).contains("bgp: gobgpd (pid " + orphan + ") was left running",
                "bgp: started gobgpd (pid " + now.get(0) + ")");
    }

    /** Leaves a socket file nobody listens on, as a gobgpd killed with SIGKILL does. */
    private static void leaveStaleSocket(Path socket) throws Exception {
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(Files.exists(socket)).isTrue();
    }
}
