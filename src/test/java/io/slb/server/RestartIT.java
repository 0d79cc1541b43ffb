package io.slb.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slb.testing.Http;
import io.slb.testing.SlbServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Restarts on the same journal: state survives, and a damaged journal tail costs only itself. */
class RestartIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    final SlbServerExtension slb = SlbServerExtension.seedRange();

    @Test
    void restartKeepsLoadBalancersBackendsAndAddresses() throws Exception {
        Http http = new Http(slb.baseUrl());
        String a = create(http, "a");
        String b = create(http, "b");
        http.postJson("/loadbalancer/" + b + "/backend", "{\"ip\":\"10.0.0.7\",\"port\":443,\"weight\":3}");
        http.delete("/loadbalancer/" + a);
        awaitActive(http, b);
        String before = http.get("/loadbalancers").body();

        slb.restart();

        assertThat(http.get("/loadbalancers").body()).isEqualTo(before);
        // The freed address is handed out again after the restart: allocation derives from the journal.
        assertThat(MAPPER.readTree(http.postJson("/loadbalancer", "{\"name\":\"c\",\"port\":80}").body()).get("eip").asText())
                .isEqualTo("192.168.0.85");
    }

    @Test
    void serverStartsWithEveryGoodRecordAfterGarbageIsAppended() throws Exception {
        Http http = new Http(slb.baseUrl());
        create(http, "a");
        String b = create(http, "b");
        awaitActive(http, b);
        String before = http.get("/loadbalancers").body();
        slb.stop();

        Path segment = lastSegment(slb.dataDir());
        Files.write(segment, new byte[] {0, 0, 1, 0, 7, 7, 7, 7, 'g', 'a', 'r', 'b', 'a', 'g', 'e'}, StandardOpenOption.APPEND);

        slb.restart();
        assertThat(http.get("/loadbalancers").body()).isEqualTo(before);
    }

    @Test
    void serverStartsWithEveryGoodRecordAfterTheTailIsTorn() throws Exception {
        Http http = new Http(slb.baseUrl());
        String a = create(http, "a");
        awaitActive(http, a);
        String b = create(http, "b");
        awaitActive(http, b);
        // The last record is the backend: tearing it must leave a and b as they were before it.
        http.postJson("/loadbalancer/" + b + "/backend", "{\"ip\":\"10.0.0.9\",\"port\":80}");
        slb.stop();

        Path segment = lastSegment(slb.dataDir());
        long size = Files.size(segment);
        try (var channel = java.nio.channels.FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(size - 5);
        }

        slb.restart();
        JsonNode all = MAPPER.readTree(http.get("/loadbalancers").body());
        assertThat(all).hasSize(2);
        assertThat(all.get(1).get("uuid").asText()).isEqualTo(b);
        assertThat(all.get(1).get("backends")).isEmpty();
        assertThat(http.postJson("/loadbalancer/" + b + "/backend", "{\"ip\":\"10.0.0.9\",\"port\":80}").status()).isEqualTo(201);
    }

    private static String create(Http http, String name) throws Exception {
        Http.Response r = http.postJson("/loadbalancer", "{\"name\":\"" + name + "\",\"port\":80}");
        assertThat(r.status()).isEqualTo(201);
        return MAPPER.readTree(r.body()).get("uuid").asText();
    }

    private static void awaitActive(Http http, String uuid) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                MAPPER.readTree(http.get("/loadbalancer/" + uuid).body()).get("status").get("state").asText().equals("active"));
    }

    private static Path lastSegment(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> segments = files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
            assertThat(segments).isNotEmpty();
            return segments.get(segments.size() - 1);
        }
    }
}
