package io.slb.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slb.testing.Http;
import io.slb.testing.Prerequisites;
import io.slb.testing.SlbProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * kill -9 while 1,000 creates are in flight: after a restart every create that got its 201 is there
 * with the same address, no address is held twice, and the journal replays cleanly.
 */
class CrashRecoveryIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int CREATES = 1000;
    private static final int KILL_AFTER = 300;

    @Test
    void killNineDuringConcurrentCreatesLosesNoAcknowledgedCreate(@TempDir Path tmp) throws Exception {
        Path jar = Prerequisites.slbJar();
        Path data = tmp.resolve("data");
        int port = SlbProcess.freePort();
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();

        try (SlbProcess slb = SlbProcess.start(jar, data, port, "--ipamRange", "10.0.0.0/20", "--dataplane", "none",
                "--logLevel", "warn")) {
            ConnectionProvider pool = ConnectionProvider.builder("creates").maxConnections(CREATES)
                    .pendingAcquireMaxCount(-1).build();
            HttpClient client = HttpClient.create(pool).baseUrl(slb.baseUrl()).responseTimeout(Duration.ofSeconds(20));
            Flux.range(0, CREATES)
                    .flatMap(i -> client.headers(h -> h.set("Content-Type", "application/json"))
                            .post().uri("/loadbalancer")
                            .send(ByteBufFlux.fromString(Mono.just("{\"name\":\"lb-" + i + "\",\"port\":80}")))
                            .responseSingle((res, body) -> res.status().code() == 201
                                    ? body.asString(StandardCharsets.UTF_8) : Mono.empty())
                            .doOnNext(json -> {
                                JsonNode lb = read(json);
                                acknowledged.put(lb.get("uuid").asText(), lb.get("eip").asText());
                                if (acknowledged.size() == KILL_AFTER) {
                                    // NB: off the event loop, so the other responses keep flowing until the kill lands.
                                    new Thread(() -> killQuietly(slb), "kill-9").start();
                                }
                            })
                            .onErrorResume(e -> {
                                failed.incrementAndGet();
                                return Mono.empty();
                            }), CREATES)
                    .blockLast(Duration.ofSeconds(120));
            pool.disposeLater().block(Duration.ofSeconds(10));
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(KILL_AFTER);
        assertThat(failed.get()).as("creates cut off by the kill").isPositive();

        try (SlbProcess again = SlbProcess.start(jar, data, port, "--ipamRange", "10.0.0.0/20", "--dataplane", "none")) {
            JsonNode all = MAPPER.readTree(new Http(again.baseUrl()).get("/loadbalancers").body());
            Map<String, String> recovered = new HashMap<>();
            Set<String> addresses = new HashSet<>();
            for (JsonNode lb : all) {
                recovered.put(lb.get("uuid").asText(), lb.get("eip").asText());
                assertThat(addresses.add(lb.get("eip").asText())).as("address held twice: " + lb.get("eip")).isTrue();
            }
            assertThat(recovered).containsAllEntriesOf(acknowledged);
            System.out.printf("crash recovery: %d creates acknowledged before kill -9, %d cut off, %d recovered%n",
                    acknowledged.size(), failed.get(), recovered.size());
            assertThat(again.output()).contains("recovered " + recovered.size() + " load balancers");
            // Each batch is one write(2): SIGKILL cannot tear it, so the journal must replay without a cut.
            assertThat(again.output()).doesNotContain("bytes; recovered through position").doesNotContain("ERROR");
            assertThat(again.stop()).as("exit code after SIGTERM").isIn(0, 143);
        }
    }

    private static void killQuietly(SlbProcess slb) {
        try {
            slb.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
