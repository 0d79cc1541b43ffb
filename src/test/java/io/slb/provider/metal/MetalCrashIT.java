package io.slb.provider.metal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slb.testing.Http;
import io.slb.testing.Prerequisites;
import io.slb.testing.SlbProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real slb process after Metal granted an address but before slb wrote it to its
 * journal (the fake applies the POST and holds the answer): after a restart slb finds the grant by
 * its tag, so there is still exactly one reservation, and deleting gives it back.
 */
class MetalCrashIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final FakeMetalApi fake = new FakeMetalApi();

    @AfterEach
    void stop() {
        fake.close();
    }

    private SlbProcess start(Path jar, Path data, int port) throws IOException {
        return SlbProcess.startWith(List.of("env", "PACKET_AUTH_TOKEN=" + FakeMetalApi.TOKEN), jar, data, port,
                "--equinixMetal", "--project", FakeMetalApi.PROJECT, "--facility", "sv15",
                "--metalApiUrl", fake.baseUrl().toString(), "--dataplane", "none", "--resyncInterval", "1s");
    }

    private static JsonNode lb(Http http, String uuid) throws IOException {
        return MAPPER.readTree(http.get("/loadbalancer/" + uuid).body());
    }

    @Test
    void killNineBetweenGrantAndJournalWriteLeaksNothing(@TempDir Path tmp) throws Exception {
        Path jar = Prerequisites.slbJar();
        Path data = tmp.resolve("data");
        int port = SlbProcess.freePort();
        fake.faults = Faults.always("POST", "/ips", Fault.HOLD);
        String uuid;
        try (SlbProcess slb = start(jar, data, port)) {
            Http http = new Http(slb.baseUrl());
            Http.Response created = http.postJson("/loadbalancer", "{\"name\":\"web\",\"port\":80}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            uuid = MAPPER.readTree(created.body()).get("uuid").asText();
            Awaitility.await().atMost(WAIT).until(() -> fake.requested.get() == 1);
            assertThat(lb(http, uuid).path("eip").isNull()).as("the grant is not in the journal").isTrue();
            slb.kill();
        }
        fake.faults = Fault.Schedule.NONE;

        try (SlbProcess slb = start(jar, data, port)) {
            Http http = new Http(slb.baseUrl());
            Awaitility.await().atMost(WAIT).until(() -> lb(http, uuid).path("status").path("state").asText().equals("active"));

            assertThat(fake.requested).as("not asked for again").hasValue(1);
            assertThat(fake.reservations).hasSize(1);
            assertThat(lb(http, uuid).path("eip").asText())
                    .isEqualTo(fake.reservations.values().iterator().next().get("address").asText());

            assertThat(http.delete("/loadbalancer/" + uuid).status()).isEqualTo(204);
            Awaitility.await().atMost(WAIT).until(fake.reservations::isEmpty);
        }
    }
}
