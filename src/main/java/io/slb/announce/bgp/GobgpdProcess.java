package io.slb.announce.bgp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;

/**
 * GobgpdProcess runs gobgpd as slb's child ({@code --gobgpd PATH}): API only on {@code --bgpApi}, no
 * config file (slb configures BGP over the API), no pprof listener, plain-text log appended to a file.
 * It removes a stale unix socket first (gobgpd exits when it cannot listen), restarts gobgpd when it
 * dies, and stops it with SIGTERM, which makes gobgpd send CEASE to its peers and remove its socket;
 * never SIGHUP, which kills a config-less gobgpd. Its pid is kept in {@code gobgpd.pid} next to the
 * log, so a gobgpd left running by an slb that was killed (SIGKILL, OOM killer) is stopped when slb
 * starts again; otherwise it would keep the BGP port and advertise stale routes with no API socket
 * left to reach it. Thread safe.
 */
final class GobgpdProcess implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger();
    /** gobgpd stops in about 1.1 s after SIGTERM (bgp-harness.md §5); beyond this it is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** Pause before a crashed gobgpd is started again, so a gobgpd that cannot start does not spin. */
    private static final Duration RESTART_DELAY = Duration.ofSeconds(1);
    /** Next to the log: the running child's pid. */
    static final String PID_FILE = "gobgpd.pid";

    private final List<String> command;
    private final BgpApiTarget api;
    private final Path log;
    private final Path pidFile;
    private final Object lock = new Object();
    /** NB: guarded by lock. */
    private @Nullable Process process;
    /** NB: guarded by lock. */
    private boolean closed;

    private GobgpdProcess(List<String> command, BgpApiTarget api, Path log) {
        this.command = command;
        this.api = api;
        this.log = log;
        this.pidFile = log.resolveSibling(PID_FILE);
    }

    /**
     * Starts {@code binary} serving its API on {@code api}.
     *
     * @throws IllegalStateException if it cannot be started
     */
    static GobgpdProcess start(Path binary, BgpApiTarget api, Path log) {
        GobgpdProcess daemon = new GobgpdProcess(
                List.of(binary.toString(), "--api-hosts", api.toString(), "--pprof-disable", "--log-plain"), api, log);
        try {
            daemon.stopLeftover(binary);
            daemon.launch();
        } catch (IOException e) {
            throw new IllegalStateException("--gobgpd " + binary + ": cannot start: " + e.getMessage(), e);
        }
        return daemon;
    }

    /**
     * Stops the gobgpd named by the pid file if it still runs this binary with this API (a previous slb
     * was killed before it could stop it): SIGTERM, then SIGKILL after {@link #STOP_GRACE}. Blocks.
     */
    private void stopLeftover(Path binary) throws IOException {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).strip());
        } catch (NoSuchFileException none) {
            return;
        } catch (NumberFormatException e) {
            LOG.warn("bgp: ignoring {}: not a pid ({})", pidFile, e.getMessage());
            Files.deleteIfExists(pidFile);
            return;
        }
        Optional<ProcessHandle> left = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(handle -> runs(handle, binary));
        if (left.isPresent()) {
            LOG.warn("bgp: gobgpd (pid {}) was left running by an slb that could not stop it; stopping it first", pid);
            stop(left.get());
        }
        Files.deleteIfExists(pidFile);
    }

    /** Returns true if {@code handle} is gobgpd from {@code binary} serving this process's API. */
    private boolean runs(ProcessHandle handle, Path binary) {
        ProcessHandle.Info info = handle.info();
        boolean sameBinary = info.command().map(c -> Path.of(c).getFileName().equals(binary.getFileName())).orElse(false);
        boolean sameApi = info.arguments().map(args -> List.of(args).contains(api.toString())).orElse(false);
        return sameBinary && sameApi;
    }

    private static void stop(ProcessHandle handle) {
        handle.destroy();
        try {
            handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            LOG.warn("bgp: gobgpd (pid {}) ignored SIGTERM for {} s; killing it", handle.pid(), STOP_GRACE.toSeconds());
            handle.destroyForcibly();
            handle.onExit().orTimeout(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> handle).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for gobgpd (pid " + handle.pid() + ") to exit", e);
        }
        LOG.info("bgp: stopped gobgpd (pid {})", handle.pid());
    }

    private void launch() throws IOException {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (api instanceof BgpApiTarget.Unix unix) {
                Files.deleteIfExists(unix.socket());
            }
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process started = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            process = started;
            Files.writeString(pidFile, started.pid() + "\n");
            LOG.info("bgp: started gobgpd (pid {}) with API on {}, log in {}", started.pid(), api, log);
            started.onExit().thenAccept(this::exited);
        }
    }

    private void exited(Process gone) {
        synchronized (lock) {
            if (closed || gone != process) {
                return;
            }
        }
        LOG.error("bgp: gobgpd (pid {}) exited with {}; starting it again in {} ms (see {})", gone.pid(),
                gone.exitValue(), RESTART_DELAY.toMillis(), log);
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                launch();
            } catch (IOException e) {
                LOG.error("bgp: cannot start gobgpd again: {}", e.getMessage(), e);
            }
        }, java.util.concurrent.CompletableFuture.delayedExecutor(RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Returns the running gobgpd's pid, or -1 if none runs. */
    long pid() {
        synchronized (lock) {
            return process != null && process.isAlive() ? process.pid() : -1;
        }
    }

    /** Stops gobgpd with SIGTERM and waits up to {@link #STOP_GRACE}, then kills it. Blocks; idempotent. */
    @Override
    public void close() {
        Process running;
        synchronized (lock) {
            closed = true;
            running = process;
        }
        if (running != null && running.isAlive()) {
            stop(running.toHandle());
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            LOG.warn("bgp: cannot remove {}: {}", pidFile, e.toString());
        }
    }
}
