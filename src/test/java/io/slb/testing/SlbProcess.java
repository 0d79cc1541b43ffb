package io.slb.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.awaitility.Awaitility;

/**
 * SlbProcess runs {@code java -jar slb.jar server ...} as a separate process, as a user would, so a
 * test can kill it with SIGKILL and start it again. Output goes to a log file in the data dir.
 */
public final class SlbProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private SlbProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts slb on 127.0.0.1 and {@code port} with {@code args} added, and waits for /healthz. */
    public static SlbProcess start(Path jar, Path dataDir, int port, String... args) throws IOException {
        return startWith(List.of(), jar, dataDir, port, args);
    }

    /**
     * Starts slb like {@link #start}, with {@code prefix} before the java command (for example
     * {@code setpriv --reuid=65534 ...} to run it as an unprivileged user).
     */
    public static SlbProcess startWith(List<String> prefix, Path jar, Path dataDir, int port, String... args) throws IOException {
        return start(prefix, url -> new Http(url).get("/healthz").status(), jar, dataDir, port, args);
    }

    /**
     * Starts slb like {@link #start} inside {@code ns} ({@code ip netns exec}, which execs java, so
     * {@link #stop} signals slb itself); its API is then reachable only from inside {@code ns}
     * ({@link Curl#runIn}), which is also where /healthz is polled.
     */
    public static SlbProcess startIn(NetworkNamespace ns, Path jar, Path dataDir, int port, String... args) throws IOException {
        return startIn(ns, List.of(), jar, dataDir, port, args);
    }

    /**
     * Starts slb like {@link #startIn(NetworkNamespace, Path, Path, int, String...)} with {@code env}
     * ({@code NAME=value} each, run through {@code env}, which execs java too) added to its environment.
     */
    public static SlbProcess startIn(NetworkNamespace ns, List<String> env, Path jar, Path dataDir, int port, String... args)
            throws IOException {
        List<String> prefix = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        if (!env.isEmpty()) {
            prefix.add("env");
            prefix.addAll(env);
        }
        return start(prefix, url -> Curl.runIn(ns, url + "/healthz").status(), jar, dataDir, port, args);
    }

    private static SlbProcess start(List<String> prefix, ToIntFunction<String> health, Path jar, Path dataDir, int port,
            String... args) throws IOException {
        Files.createDirectories(dataDir);
        Path log = Files.createTempFile(dataDir.getParent(), "slb-", ".log");
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "server", "--address", "127.0.0.1", "--port", Integer.toString(port), "--dataDir", dataDir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SlbProcess slb = new SlbProcess(p, port, log);
        Awaitility.await("slb on port " + port + " to answer /healthz")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> {
                    if (!p.isAlive()) {
                        throw new AssertionError("slb exited with " + p.exitValue() + ":\n" + slb.output());
                    }
                    return health.applyAsInt(slb.baseUrl()) == 200;
                });
        return slb;
    }

    /** Returns a free TCP port on 127.0.0.1. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Sends SIGKILL and waits for the process to die. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Sends SIGTERM and returns the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("slb did not stop within 20 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
