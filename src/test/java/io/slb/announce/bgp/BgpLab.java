package io.slb.announce.bgp;

import io.slb.testing.Shell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

/**
 * BgpLab is a two-namespace BGP topology for tests: gobgpd 3.x (API on a unix socket only, no config
 * file) in a speaker namespace and bird2 as the upstream router in a router namespace, joined by a veth
 * pair with IPv4 and IPv6 addresses. bird dials gobgpd, imports everything and exports nothing; its
 * {@code show route} is the independent reader of what slb announced. Namespace and interface names carry
 * a random part; {@link #close()} stops the daemons it started (by pid) and deletes the namespaces.
 */
public final class BgpLab implements AutoCloseable {
    public static final String SPEAKER_IP = "10.99.0.1";
    public static final String ROUTER_IP = "10.99.0.2";
    static final String SPEAKER_IP6 = "fd00:99::1";
    static final String ROUTER_IP6 = "fd00:99::2";
    public static final long SPEAKER_AS = 65000;
    public static final long ROUTER_AS = 65530;
    /** The VIP ranges: routed to lo inside the speaker namespace, so the proxy data plane can bind any of them. */
    static final String VIP_NET4 = "192.0.2.0/24";
    static final String VIP_NET6 = "2001:db8:99::/64";
    private static final Duration DAEMON_START = Duration.ofSeconds(10);

    public final String speaker;
    final String router;
    final Path dir;
    public final Path apiSocket;
    private final Path birdSocket;
    private @Nullable Process gobgpd;
    private @Nullable Process bird;
    /** What runs on this lab (slb processes): stopped first, newest first, when the lab closes. */
    private final Deque<AutoCloseable> users = new ArrayDeque<>();

    private BgpLab(String id, Path dir) {
        this.speaker = "slbspk" + id;
        this.router = "slbrtr" + id;
        this.dir = dir;
        this.apiSocket = dir.resolve("gobgp.sock");
        this.birdSocket = dir.resolve("bird.ctl");
    }

    /** Builds the namespaces and starts bird and gobgpd; on failure everything built so far is removed. */
    public static BgpLab start() throws IOException {
        return start(SPEAKER_AS, true);
    }

    /** Like {@link #start()} without gobgpd, for slb to run it as its child ({@code --gobgpd}). */
    static BgpLab withoutGobgpd() throws IOException {
        return start(SPEAKER_AS, false);
    }

    /** Like {@link #start()} with bird expecting the speaker in {@code as}: a wrong one makes bird refuse the session. */
    static BgpLab routerExpectingAs(long as) throws IOException {
        return start(as, true);
    }

    private static BgpLab start(long speakerAsAtRouter, boolean withGobgpd) throws IOException {
        String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
        BgpLab lab = new BgpLab(id, Files.createTempDirectory("slb-bgp-lab-"));
        try {
            lab.network(id);
            lab.startBird(speakerAsAtRouter);
            if (withGobgpd) {
                lab.startGobgpd();
            }
            return lab;
        } catch (RuntimeException | IOException | Error e) {
            lab.close();
            throw e;
        }
    }

    private void network(String id) {
        Shell.check("ip", "netns", "add", speaker);
        Shell.check("ip", "netns", "add", router);
        String spkIf = "vspk" + id;
        String rtrIf = "vrtr" + id;
        Shell.check("ip", "link", "add", spkIf, "netns", speaker, "type", "veth", "peer", "name", rtrIf, "netns", router);
        for (String[] side : new String[][] {{speaker, spkIf, SPEAKER_IP, SPEAKER_IP6}, {router, rtrIf, ROUTER_IP, ROUTER_IP6}}) {
            Shell.check("ip", "-n", side[0], "addr", "add", side[2] + "/30", "dev", side[1]);
            Shell.check("ip", "-n", side[0], "-6", "addr", "add", side[3] + "/64", "dev", side[1], "nodad");
            Shell.check("ip", "-n", side[0], "link", "set", "lo", "up");
            Shell.check("ip", "-n", side[0], "link", "set", side[1], "up");
        }
        Shell.check("ip", "-n", speaker, "route", "add", "local", VIP_NET4, "dev", "lo");
        Shell.check("ip", "-n", speaker, "-6", "route", "add", "local", VIP_NET6, "dev", "lo");
        // NB: IPv6 has no AnyIP bind through a local route alone; this sysctl is per namespace.
        Shell.check("ip", "netns", "exec", speaker, "sysctl", "-q", "-w", "net.ipv6.ip_nonlocal_bind=1");
    }

    private void startBird(long speakerAs) throws IOException {
        Path conf = dir.resolve("bird.conf");
        Files.writeString(conf, String.join("\n",
                "log \"" + dir.resolve("bird.log") + "\" all;",
                "router id " + ROUTER_IP + ";",
                "protocol device { scan time 10; }",
                "protocol bgp slb {",
                "  local " + ROUTER_IP + " as " + ROUTER_AS + ";",
                "  neighbor " + SPEAKER_IP + " as " + speakerAs + ";",
                // Short timers (bgp-harness.md §4): bird's defaults stall a session for minutes after a refused connect.
                "  connect delay time 1; connect retry time 2; error wait time 1, 4; hold time 9;",
                "  ipv4 { import all; export none; };",
                "  ipv6 { import all; export none; };",
                "}", ""), StandardCharsets.UTF_8);
        bird = new ProcessBuilder("ip", "netns", "exec", router, "bird", "-f", "-c", conf.toString(), "-s", birdSocket.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("bird.out").toFile()).start();
        Awaitility.await("bird control socket").atMost(DAEMON_START).until(() -> Files.exists(birdSocket));
    }

    /** Starts gobgpd in the speaker namespace (deleting a stale socket first) and waits for its API socket. */
    void startGobgpd() throws IOException {
        Files.deleteIfExists(apiSocket);
        gobgpd = new ProcessBuilder("ip", "netns", "exec", speaker, "gobgpd", "--api-hosts", "unix://" + apiSocket,
                "--pprof-disable", "--log-plain")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("gobgpd.log").toFile())).start();
        Awaitility.await("gobgpd API socket").atMost(DAEMON_START).until(() -> Files.exists(apiSocket));
    }

    /** Kills gobgpd with SIGKILL, as a crash would; its socket file stays behind. */
    void killGobgpd() throws InterruptedException {
        Process p = gobgpd;
        if (p != null) {
            p.destroyForcibly();
            p.waitFor(DAEMON_START.toSeconds(), TimeUnit.SECONDS);
            gobgpd = null;
        }
    }

    /** Returns {@code birdc show route} output for all IPv4 and IPv6 routes bird learned. */
    public String birdRoutes() {
        return Shell.check("birdc", "-s", birdSocket.toString(), "show", "route", "all");
    }

    /** Returns how many routes bird has for exactly {@code prefix} (e.g. {@code 192.0.2.10/32}). */
    public long birdRouteCount(String prefix) {
        return birdRoutes().lines().filter(l -> l.startsWith(prefix + " ")).count();
    }

    /** Returns whether bird's session with gobgpd is Established. */
    public boolean sessionUp() {
        return Shell.run("birdc", "-s", birdSocket.toString(), "show", "protocols", "slb").output().contains("Established");
    }

    /** Returns bird's one-line view of its session with gobgpd (state and last error). */
    public String birdSession() {
        return Shell.run("birdc", "-s", birdSocket.toString(), "show", "protocols", "slb").output().strip();
    }

    /** Returns bird's log so far (all categories), e.g. the NOTIFICATIONs it received. */
    String birdLog() throws IOException {
        return Files.readString(dir.resolve("bird.log"), StandardCharsets.UTF_8);
    }

    /** Returns the pids of the gobgpd processes running in the speaker namespace. */
    List<Long> gobgpdPids() {
        return Shell.check("ip", "netns", "pids", speaker).lines()
                .map(String::strip).filter(pid -> !pid.isEmpty()).map(Long::parseLong)
                .filter(pid -> ProcessHandle.of(pid).flatMap(h -> h.info().command())
                        .map(command -> command.endsWith("/gobgpd")).orElse(false))
                .toList();
    }

    /** Runs {@code command} inside the speaker namespace and returns its output; fails unless it exits 0. */
    String inSpeaker(String... command) {
        return Shell.check(Stream.concat(Stream.of("ip", "netns", "exec", speaker), Stream.of(command)).toArray(String[]::new));
    }

    /** Makes {@link #close()} stop {@code user} (idempotently closable) before the daemons and namespaces. */
    void closesFirst(AutoCloseable user) {
        users.push(user);
    }

    @Override
    public void close() {
        while (!users.isEmpty()) {
            try {
                users.pop().close();
            } catch (Exception e) {
                throw new AssertionError("cannot stop what ran on the lab", e);
            }
        }
        for (Process p : new Process[] {gobgpd, bird}) {
            if (p != null && p.isAlive()) {
                p.destroy();
                try {
                    if (!p.waitFor(DAEMON_START.toSeconds(), TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    p.destroyForcibly();
                }
            }
        }
        // Whatever else still runs in the namespaces (a gobgpd orphaned by a killed slb) goes too.
        for (String ns : List.of(speaker, router)) {
            Shell.Result pids = Shell.run("ip", "netns", "pids", ns);
            pids.output().lines().map(String::strip).filter(pid -> pid.matches("[0-9]+"))
                    .forEach(pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly));
        }
        Shell.run("ip", "netns", "del", speaker);
        Shell.run("ip", "netns", "del", router);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new AssertionError("cannot remove " + dir, e);
        }
    }
}
