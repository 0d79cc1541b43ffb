package io.slb.announce.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slb.testing.Prerequisites;
import io.slb.testing.Shell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

/**
 * SpeakerSlb is the shaded slb running in a {@link BgpLab}'s speaker namespace ({@code --dataplane proxy
 * --bgp} with local IPAM over 192.0.2.10-20 and 2001:db8:99::10-20, peering with bird), with curl run in
 * the same namespace as its client. {@link #close()} stops slb with SIGTERM and prints its log.
 */
final class SpeakerSlb implements AutoCloseable {
    static final String API = "http://127.0.0.1:10001";
    private static final Duration STARTED = Duration.ofSeconds(30);
    private static final Duration STOPPED = Duration.ofSeconds(15);
    private static final String STATUS_MARK = "\n--status:";

    private final BgpLab lab;
    private final Process process;
    private final Path log;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Process> streams = new ArrayList<>();

    private boolean closed;

    private SpeakerSlb(BgpLab lab, Process process, Path log) {
        this.lab = lab;
        this.process = process;
        this.log = log;
    }

    /** Starts slb announcing through the lab's gobgpd socket, with {@code extra} flags, and waits for its API. */
    static SpeakerSlb start(BgpLab lab, String... extra) throws IOException {
        Path jar = Prerequisites.slbJar();
        Path dataDir = Files.createDirectories(lab.dir.resolve("slb-data"));
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", lab.speaker,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "server",
                "--address", "127.0.0.1", "--port", "10001", "--dataDir", dataDir.toString(), "--dataplane", "proxy",
                "--ipamRange", "192.0.2.10-192.0.2.20,2001:db8:99::10-2001:db8:99::20",
                "--bgp", "--bgpApi", "unix://" + lab.apiSocket, "--bgpAs", Long.toString(BgpLab.SPEAKER_AS),
                "--bgpRouterId", BgpLab.SPEAKER_IP, "--bgpPeer", BgpLab.ROUTER_IP + ":" + BgpLab.ROUTER_AS,
                "--bgpNextHop", BgpLab.SPEAKER_IP6));
        command.addAll(List.of(extra));
        Path log = lab.dir.resolve("slb.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SpeakerSlb slb = new SpeakerSlb(lab, process, log);
        lab.closesFirst(slb);
        try {
            Awaitility.await("slb API in the speaker namespace").atMost(STARTED).ignoreExceptions()
                    .until(() -> slb.curl("GET", "/healthz", null).startsWith("200"));
            return slb;
        } catch (RuntimeException | Error e) {
            slb.close();
            throw e;
        }
    }

    /** Returns slb's pid (the JVM's: {@code ip netns exec} execs it). */
    long pid() {
        return process.pid();
    }

    /** Creates a load balancer and returns its uuid. */
    String create(String body) throws IOException {
        String reply = curl("POST", "/loadbalancer", body);
        assertThat(reply).as(reply).startsWith("201");
        return json.readTree(body(reply)).get("uuid").asText();
    }

    /** Returns the body of {@code GET path} as JSON, failing unless it is a 200. */
    JsonNode get(String path) throws IOException {
        String reply = curl("GET", path, null);
        assertThat(reply).as(reply).startsWith("200");
        return json.readTree(body(reply));
    }

    /** Runs curl inside the speaker namespace; returns "STATUS\nBODY". */
    String curl(String method, String path, @Nullable String body) {
        List<String> args = new ArrayList<>(List.of("ip", "netns", "exec", lab.speaker, "curl", "-s", "--max-time", "5",
                "-X", method, "-w", STATUS_MARK + "%{http_code}", "-o", "-"));
        if (body != null) {
            args.addAll(List.of("-H", "Content-Type: application/json", "-d", body));
        }
        args.add(API + path);
        String out = Shell.run(args.toArray(String[]::new)).output();
        int cut = out.lastIndexOf(STATUS_MARK);
        return cut < 0 ? "000\n" + out : out.substring(cut + STATUS_MARK.length()).trim() + "\n" + out.substring(0, cut);
    }

    /** Opens {@code GET /events} with curl in the background; the returned file fills as events arrive. */
    Path openEventStream() throws IOException {
        Path out = Files.createTempFile(lab.dir, "events-", ".txt");
        streams.add(new ProcessBuilder("ip", "netns", "exec", lab.speaker, "curl", "-s", "-N", API + "/events")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start());
        return out;
    }

    /** Returns what slb logged so far. */
    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Sends SIGTERM and waits for slb to exit; returns its exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOPPED.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("slb ignored SIGTERM for " + STOPPED);
        }
        return process.exitValue();
    }

    /** Kills slb with SIGKILL (no shutdown hook runs, so nothing it started is stopped) and waits for it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOPPED.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("slb survived SIGKILL for " + STOPPED);
        }
    }

    private static String body(String reply) {
        return reply.substring(reply.indexOf('\n') + 1);
    }

    /** Stops slb (SIGTERM) and prints its log; idempotent, and called by the lab's close too. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        streams.forEach(Process::destroy);
        try {
            if (process.isAlive()) {
                terminate();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            printLog();
        }
    }

    private void printLog() {
        try {
            System.out.println("slb log:\n" + log());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + log, e);
        }
    }
}
