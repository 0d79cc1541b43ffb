package io.slb.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slb.ipam.AddressPools;
import io.slb.testing.Http;
import io.slb.testing.SlbServerExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code curl -N /events} against a real server: every change in order, resume, slow clients. */
class EventStreamIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    final SlbServerExtension slb = new SlbServerExtension(c -> c.withPools(AddressPools.parse("10.0.0.0/16")));

    private record Sse(long id, String event, JsonNode data) {}

    @Test
    void curlSeesEveryChangeInOrderAndResumesWithLastEventId(@TempDir Path tmp) throws Exception {
        Http http = new Http(slb.baseUrl());
        Path first = tmp.resolve("first.txt");
        Process curl = curl(first);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(first) && Files.size(first) > 0);
            String uuid = MAPPER.readTree(http.postJson("/loadbalancer", "{\"name\":\"web\",\"port\":80}").body()).get("uuid").asText();
            String backend = MAPPER.readTree(http.postJson("/loadbalancer/" + uuid + "/backend",
                    "{\"ip\":\"10.1.0.2\",\"port\":80}").body()).get("uuid").asText();
            assertThat(http.delete("/loadbalancer/" + uuid + "/backend/" + backend).status()).isEqualTo(204);
            assertThat(http.delete("/loadbalancer/" + uuid).status()).isEqualTo(204);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(first).contains("loadbalancer.deleted"));
        } finally {
            curl.destroy();
        }
        List<Sse> events = parse(Files.readString(first));
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).id()).as("ids are journal positions, contiguous").isEqualTo(i + 1);
        }
        List<String> types = events.stream().map(Sse::event).filter(t -> !t.equals("status.changed")).toList();
        assertThat(types).containsExactly("loadbalancer.created", "address.assigned", "backend.added",
                "backend.removed", "loadbalancer.deleted");

        Path resumed = tmp.resolve("resumed.txt");
        Process again = curl(resumed, "-H", "Last-Event-ID: 2");
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(resumed).contains("loadbalancer.deleted"));
        } finally {
            again.destroy();
        }
        List<Sse> tail = parse(Files.readString(resumed));
        assertThat(tail).extracting(Sse::id).containsExactlyElementsOf(events.subList(2, events.size()).stream().map(Sse::id).toList());
    }

    @Test
    void clientThatNeverReadsDoesNotStallCreates() throws Exception {
        Http http = new Http(slb.baseUrl());
        try (Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(4096);
            stuck.connect(new InetSocketAddress("127.0.0.1", slb.server().port()));
            OutputStream out = stuck.getOutputStream();
            out.write("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Each create has the client's 10 s timeout: a stalled writer fails the test, no stopwatch needed.
            for (int i = 0; i < 2000; i++) {
                assertThat(http.postJson("/loadbalancer", "{\"name\":\"" + "n".repeat(200) + i + "\",\"port\":80}").status())
                        .isEqualTo(201);
            }
        }
    }

    private Process curl(Path output, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-N", slb.baseUrl() + "/events"));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command).redirectOutput(output.toFile()).redirectErrorStream(true).start();
    }

    private static List<Sse> parse(String stream) throws IOException {
        List<Sse> events = new ArrayList<>();
        for (String block : stream.split("\n\n")) {
            long id = -1;
            String event = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("id:")) {
                    id = Long.parseLong(line.substring(3).trim());
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
            if (id >= 0 && event != null) {
                events.add(new Sse(id, event, MAPPER.readTree(data.toString())));
            }
        }
        return events;
    }
}
