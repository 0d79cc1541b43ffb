package io.slb.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.slb.testing.Curl;
import io.slb.testing.Prerequisites;
import io.slb.testing.SlbProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run line (default data plane: the userspace proxy) with loopback VIPs, started as an
 * unprivileged user, plus the seed's curl examples pointed at loopback: real HTTP requests through the
 * VIP reach two backends in turn.
 */
class ProxyQuickstartIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final List<HttpServer> backends = new ArrayList<>();

    @AfterEach
    void stopBackends() {
        backends.forEach(b -> b.stop(0));
    }

    @Test
    void unprivilegedSlbBalancesRealHttpThroughALoopbackVip(@TempDir Path tmp) throws Exception {
        // NB: a copy in the world-readable temp dir, so the unprivileged user can read it wherever the checkout is.
        Path jar = Files.copy(Prerequisites.slbJar(), tmp.resolve("slb.jar"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        Prerequisites.requireCommand("curl");
        int one = backend("backend-1");
        int two = backend("backend-2");
        Path data = Files.createDirectories(tmp.resolve("data"));
        for (Path dir : List.of(tmp, data)) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        List<String> unprivileged = "root".equals(System.getProperty("user.name"))
                ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--")
                : List.of();

        try (SlbProcess slb = SlbProcess.startWith(unprivileged, jar, data, SlbProcess.freePort(),
                "--ipamRange", "127.0.0.10-127.0.0.20")) {
            assertThat(slb.output()).contains("dataplane: proxy");
            String host = slb.baseUrl();
            String created = Curl.run("-X", "POST", host + "/loadbalancer", "-H", "Content-Type: application/json",
                    "-d", "{\"name\":\"test loadbalancer\", \"port\": 6443}").body();
            String uuid = MAPPER.readTree(created).get("uuid").asText();
            assertThat(MAPPER.readTree(created).get("eip").asText()).isEqualTo("127.0.0.10");
            for (int port : List.of(one, two)) {
                assertThat(Curl.run("-X", "POST", host + "/loadbalancer/" + uuid + "/backend",
                        "-d", "{\"ip\":\"127.0.0.1\", \"port\": " + port + "}").status()).isEqualTo(201);
            }
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                    Curl.run("http://127.0.0.10:6443/").status() == 200);
            // Two backends now: wait until both are programmed before counting turns.
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                    MAPPER.readTree(Curl.run(host + "/loadbalancer/" + uuid).body()).get("status").get("state").asText().equals("active"));
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(Curl.run("http://127.0.0.10:6443/").body());
            }
            assertThat(answers).containsOnly("backend-1", "backend-2");
            for (int i = 1; i < answers.size(); i++) {
                assertThat(answers.get(i)).as("round robin alternates").isNotEqualTo(answers.get(i - 1));
            }
            assertThat(Curl.run("-X", "DELETE", host + "/loadbalancer/" + uuid).status()).isEqualTo(204);
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> Curl.run("http://127.0.0.10:6443/").status() == 0);
        }
    }

    private int backend(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        backends.add(server);
        return server.getAddress().getPort();
    }
}
