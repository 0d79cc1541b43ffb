package io.slb.announce.bgp;

import com.google.protobuf.ByteString;
import io.slb.announce.bgp.apipb.Path;
import io.slb.ipam.IpAddresses;
import io.slb.testing.NetworkNamespace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

/**
 * BgpBenchmark measures how long a VIP takes to reach the router: from the {@code 201 Created} of
 * {@code POST /loadbalancer} to the /32 being in bird's table, over a {@link BgpLab} with the shaded slb
 * ({@code --dataplane proxy --bgp}) in the speaker namespace. Each round creates a load balancer with a
 * fixed VIP, polls bird's control socket in a tight loop (no fork per poll) until the route is there,
 * deletes it and polls until the route is gone. HTTP is spoken on one keep-alive socket opened inside the
 * speaker namespace. Interleaved control rounds add and delete another prefix with gRPC directly from this JVM
 * (no slb), so each figure has a same-load baseline. Run by {@code benchmarks/bgp/run.sh}; needs root, gobgpd and bird2.
 *
 * <p>Usage: {@code BgpBenchmark [ROUNDS] [WARMUP]}; prints one line per measure with median, p90, p99, max.
 */
final class BgpBenchmark {
    private static final String VIP = "192.0.2.10";
    private static final String PREFIX = VIP + "/32";
    /** A round that takes longer than this is a failure, not a slow sample. */
    private static final long GIVE_UP_NANOS = Duration.ofSeconds(10).toNanos();
    private static final int DEFAULT_ROUNDS = 200;
    private static final InetAddress CONTROL_VIP = IpAddresses.parse("192.0.2.50");
    private static final InetAddress CONTROL_NEXT_HOP = IpAddresses.parse("0.0.0.0");
    private static final String CONTROL_PREFIX = "192.0.2.50/32";
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(5);
    private static final int DEFAULT_WARMUP = 20;
    private static final int CREATED_WALL = 4;
    private static final int SEEN_WALL = 5;
    private static final long NANOS_PER_MICRO = 1_000;
    private static final long MICROS_PER_SECOND = 1_000_000;

    private BgpBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_WARMUP;
        try (BgpLab lab = BgpLab.start(); SpeakerSlb slb = SpeakerSlb.start(lab)) {
            Awaitility.await("bird's session with gobgpd").atMost(BgpLayer3IT.SESSION_UP).until(lab::sessionUp);
            SocketChannel api = NetworkNamespace.existing(lab.speaker)
                    .enter(() -> SocketChannel.open(new InetSocketAddress("127.0.0.1", 10001)));
            try (Http http = new Http(api); Bird bird = new Bird(lab.dir.resolve("bird.ctl"));
                 GobgpClient gobgp = GobgpClient.create(BgpApiTarget.parse("unix://" + lab.apiSocket))) {
                List<long[]> samples = new ArrayList<>();
                List<long[]> direct = new ArrayList<>();
                for (int i = 0; i < warmup + rounds; i++) {
                    long[] sample = round(http, bird, i);
                    long[] control = directRound(gobgp, bird);
                    if (i >= warmup) {
                        samples.add(sample);
                        direct.add(control);
                    }
                }
                report(samples, rounds);
                breakdown(slb.log(), samples);
                System.out.println("control, interleaved with the rounds above: gRPC AddPath from this JVM, no slb:");
                line("AddPath RPC", direct.stream().mapToLong(d -> d[0] / NANOS_PER_MICRO).sorted().toArray());
                line("AddPath sent -> at bird", direct.stream().mapToLong(d -> d[1] / NANOS_PER_MICRO).sorted().toArray());
            }
        }
    }

    /**
     * Returns {POST latency, 201 to route at bird, DELETE latency, 204 to route gone} in nanoseconds, then the
     * wall-clock microseconds of the 201 and of the route at bird (for {@link #breakdown}).
     */
    private static long[] round(Http http, Bird bird, int i) throws IOException {
        String body = "{\"name\":\"bench" + i + "\",\"port\":8080,\"eip\":\"" + VIP + "\"}";
        long sent = System.nanoTime();
        String created = http.exchange("POST", "/loadbalancer", body);
        long createdAt = System.nanoTime();
        expect(created, "201");
        long createdWall = wallMicros();
        long seenAt = bird.await(PREFIX, true, createdAt);
        long seenWall = wallMicros();
        String uuid = created.replaceAll("(?s).*\"uuid\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        long deleteSent = System.nanoTime();
        String deleted = http.exchange("DELETE", "/loadbalancer/" + uuid, null);
        long deletedAt = System.nanoTime();
        expect(deleted, "204");
        long goneAt = bird.await(PREFIX, false, deletedAt);
        return new long[] {createdAt - sent, seenAt - createdAt, deletedAt - deleteSent, goneAt - deletedAt,
                createdWall, seenWall};
    }

    /** Returns {AddPath RPC, AddPath sent to route at bird} in nanoseconds, for a control prefix added directly. */
    private static long[] directRound(GobgpClient gobgp, Bird bird) throws IOException {
        Path path = Paths.hostRoute(CONTROL_VIP, CONTROL_NEXT_HOP);
        long sent = System.nanoTime();
        ByteString uuid = gobgp.addPath(path).block(RPC_TIMEOUT);
        long answered = System.nanoTime();
        long seenAt = bird.await(CONTROL_PREFIX, true, sent);
        gobgp.deletePath(Objects.requireNonNull(uuid)).block(RPC_TIMEOUT);
        bird.await(CONTROL_PREFIX, false, System.nanoTime());
        return new long[] {answered - sent, seenAt - sent};
    }

    private static void expect(String reply, String status) {
        if (!reply.startsWith("HTTP/1.1 " + status)) {
            throw new IllegalStateException("expected " + status + ", got: " + reply);
        }
    }

    private static void report(List<long[]> samples, int rounds) {
        String[] names = {"POST /loadbalancer -> 201", "201 -> route at bird", "DELETE -> 204", "204 -> route gone at bird"};
        System.out.printf(Locale.ROOT, "%d rounds; milliseconds%n%-28s %8s %8s %8s %8s %8s%n", rounds,
                "measure", "min", "median", "p90", "p99", "max");
        for (int m = 0; m < names.length; m++) {
            int col = m;
            line(names[m], samples.stream().mapToLong(s -> s[col]).map(nanos -> nanos / NANOS_PER_MICRO).sorted().toArray());
        }
        // NB: the reconciler starts when the 201 is sent, so the route may reach bird before the client reads the 201.
        line("POST sent -> route at bird", samples.stream().mapToLong(s -> (s[0] + s[1]) / NANOS_PER_MICRO).sorted().toArray());
    }

    /** Prints min, median, p90, p99 and max of microsecond samples, in milliseconds. */
    private static void line(String name, long[] sorted) {
        System.out.printf(Locale.ROOT, "%-28s %8.2f %8.2f %8.2f %8.2f %8.2f%n", name, ms(sorted[0]),
                ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)),
                ms(sorted[sorted.length - 1]));
    }

    /**
     * Splits "201 -> route at bird" with slb's own log lines (millisecond timestamps, so each sample is
     * within about 1 ms): the proxy data plane's "listening on" (stage dataplane done) and the announcer's
     * "bgp: advertising" (AddPath answered, stage announce done). The last lines of each kind belong to the
     * measured rounds, in order.
     */
    private static void breakdown(String log, List<long[]> samples) {
        List<Long> listening = stamps(log, "listening on tcp " + VIP + ":");
        List<Long> advertised = stamps(log, "bgp: advertising " + PREFIX);
        int n = samples.size();
        if (listening.size() < n || advertised.size() < n) {
            System.out.printf("breakdown skipped: %d listening and %d advertising lines for %d rounds%n",
                    listening.size(), advertised.size(), n);
            return;
        }
        listening = listening.subList(listening.size() - n, listening.size());
        advertised = advertised.subList(advertised.size() - n, advertised.size());
        long[][] parts = new long[3][n];
        for (int i = 0; i < n; i++) {
            long[] s = samples.get(i);
            parts[0][i] = listening.get(i) - s[CREATED_WALL];
            parts[1][i] = advertised.get(i) - listening.get(i);
            parts[2][i] = s[SEEN_WALL] - advertised.get(i);
        }
        System.out.println("breakdown from slb's log (ms timestamps, so +-1 ms per sample):");
        String[] names = {"201 -> dataplane listening", "listening -> AddPath done", "AddPath done -> at bird"};
        for (int p = 0; p < parts.length; p++) {
            line(names[p], Arrays.stream(parts[p]).sorted().toArray());
        }
    }

    /** Returns the wall-clock microseconds of each log line containing {@code marker}, in order. */
    private static List<Long> stamps(String log, String marker) {
        return log.lines().filter(l -> l.contains(marker))
                .map(l -> Instant.parse(l.substring(0, l.indexOf(' '))))
                .map(t -> t.getEpochSecond() * MICROS_PER_SECOND + t.getNano() / NANOS_PER_MICRO)
                .toList();
    }

    private static long wallMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * MICROS_PER_SECOND + now.getNano() / NANOS_PER_MICRO;
    }

    /** Nearest-rank percentile of a sorted array. */
    private static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double ms(long micros) {
        return micros / 1e3;
    }

    /** Http is HTTP/1.1 over one keep-alive socket; responses with Content-Length or chunked bodies. */
    private static final class Http implements AutoCloseable {
        private final SocketChannel channel;
        private final InputStream in;
        private final OutputStream out;

        Http(SocketChannel channel) {
            this.channel = channel;
            this.in = Channels.newInputStream(channel);
            this.out = Channels.newOutputStream(channel);
        }

        /** Sends a request and returns the status line, headers and body as text. */
        String exchange(String method, String path, @Nullable String body) throws IOException {
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + payload.length + "\r\n\r\n";
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write(head.getBytes(StandardCharsets.US_ASCII));
            request.write(payload);
            out.write(request.toByteArray());
            out.flush();
            String headers = readUntil("\r\n\r\n");
            String lower = headers.toLowerCase(Locale.ROOT);
            if (lower.contains("transfer-encoding: chunked")) {
                StringBuilder text = new StringBuilder();
                for (int size; (size = Integer.parseInt(readUntil("\r\n").strip(), 16)) > 0; readUntil("\r\n")) {
                    text.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                }
                readUntil("\r\n");
                return headers + text;
            }
            int at = lower.indexOf("content-length:");
            int length = at < 0 ? 0 : Integer.parseInt(lower.substring(at + 15, lower.indexOf('\r', at)).strip());
            return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        private String readUntil(String end) throws IOException {
            StringBuilder text = new StringBuilder();
            while (text.length() < end.length() || !text.substring(text.length() - end.length()).equals(end)) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("slb closed the connection after: " + text);
                }
                text.append((char) b);
            }
            return text.toString();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Bird is bird's control socket (the birdc protocol: numbered reply lines, a code and a space end a reply). */
    private static final class Bird implements AutoCloseable {
        private final SocketChannel channel;
        private final InputStream in;
        private final OutputStream out;

        Bird(java.nio.file.Path socket) throws IOException {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            in = Channels.newInputStream(channel);
            out = Channels.newOutputStream(channel);
            reply();
        }

        /** Polls until bird has (or no longer has) {@code prefix}; returns the nanoTime it was first seen so. */
        long await(String prefix, boolean present, long since) throws IOException {
            while (true) {
                out.write(("show route " + prefix + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                boolean has = reply().contains(prefix);
                long now = System.nanoTime();
                if (has == present) {
                    return now;
                }
                if (now - since > GIVE_UP_NANOS) {
                    throw new IllegalStateException(prefix + (present ? " never reached" : " never left") + " bird");
                }
            }
        }

        private String reply() throws IOException {
            StringBuilder all = new StringBuilder();
            while (true) {
                StringBuilder line = new StringBuilder();
                for (int b; (b = in.read()) != '\n'; line.append((char) b)) {
                    if (b < 0) {
                        throw new IOException("bird closed its control socket");
                    }
                }
                all.append(line).append('\n');
                if (line.length() > 4 && Character.isDigit(line.charAt(0)) && line.charAt(4) == ' ') {
                    return all.toString();
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
