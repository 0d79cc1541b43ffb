package io.slb.announce.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** A gobgpd that is not there, or that is not 3.x, gives a clear error and a retrying announcer; nothing crashes. */
class GobgpUnusableTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static BgpSettings settings(String api) {
        return BgpSettings.fromFlags(api, "65000", "10.99.0.1", 179, List.of("10.99.0.2:65530"), List.of(), null);
    }

    @Test
    void unreachableApiIsReportedAndAnnouncingFailsClearly() throws Exception {
        Path dir = Files.createTempDirectory("slb-bgp-");
        try (GobgpAnnouncer announcer = GobgpAnnouncer.start(settings("unix://" + dir.resolve("absent.sock")), dir, Clock.systemUTC())) {
            // NB: on a loaded machine the very first call (gRPC start-up) may time out instead; retries then say it.
            Awaitility.await().atMost(WAIT.multipliedBy(3))
                    .until(() -> announcer.problem().filter(p -> p.contains("is unreachable")).isPresent());
            assertThat(announcer.connected()).isFalse();
            assertThat(announcer.peers()).singleElement().satisfies(p -> assertThat(p.state()).isEqualTo(BgpPeerStatus.UNKNOWN));
            StepVerifier.create(announcer.announce(InetAddress.getByName("192.0.2.10")))
                    .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("is not reachable yet"))
                    .verify(WAIT);
            StepVerifier.create(announcer.withdraw(InetAddress.getByName("192.0.2.10"))).verifyComplete();
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void serverWithoutTheV3ServiceIsNamedAsTheWrongGobgpdVersion() throws Exception {
        // A gRPC server that does not serve apipb.GobgpApi answers UNIMPLEMENTED, as gobgpd 4.x (api.GoBgpService) does.
        Server other = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build().start();
        Path dir = Files.createTempDirectory("slb-bgp-");
        try (GobgpAnnouncer announcer = GobgpAnnouncer.start(settings("127.0.0.1:" + other.getPort()), dir, Clock.systemUTC())) {
            Awaitility.await().atMost(WAIT).until(() -> announcer.problem().isPresent());
            assertThat(announcer.problem().get()).contains("does not serve apipb.GobgpApi", "slb needs gobgpd 3.x");
            assertThat(new BgpPeersRoute(announcer).render()).contains("\"connected\":false", "slb needs gobgpd 3.x");
        } finally {
            other.shutdownNow();
            Files.deleteIfExists(dir);
        }
    }
}
