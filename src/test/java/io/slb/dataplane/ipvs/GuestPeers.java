package io.slb.dataplane.ipvs;

import io.slb.testing.NetworkNamespace;
import io.slb.testing.Shell;
import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * GuestPeers builds traffic fixtures inside the qemu guest: network namespaces linked to the guest by
 * a veth pair, tiny servers that answer every TCP connection or UDP datagram with their name, and
 * clients that ask them. Sockets are opened on a thread that entered the namespace
 * ({@link NetworkNamespace#enter}) and stay in it, so the serving threads need not enter it.
 */
final class GuestPeers {
    private static final Logger LOG = LogManager.getLogger();
    /** Generous for one round trip through IPVS under TCG, where the guest runs many times slower. */
    private static final int CLIENT_TIMEOUT_MILLIS = 10_000;
    /** Answers are a backend's short name. */
    private static final int MAX_ANSWER_BYTES = 64;

    private GuestPeers() {}

    /**
     * Links {@code ns} to the guest with a veth pair: the guest holds 10.a.b.1/24 and fd00:a:b::1/64 on
     * {@code v<name>}, the namespace 10.a.b.2/24 and fd00:a:b::2/64 on eth0, with default routes to the guest.
     */
    static void link(NetworkNamespace ns, int a, int b) {
        String outside = "v" + ns.name();
        String v4 = "10." + a + "." + b + ".";
        String v6 = "fd00:" + a + ":" + b + "::";
        Shell.check("ip", "link", "add", outside, "type", "veth", "peer", "name", "eth0", "netns", ns.name());
        Shell.check("ip", "addr", "add", v4 + "1/24", "dev", outside);
        Shell.check("ip", "addr", "add", v6 + "1/64", "dev", outside, "nodad");
        Shell.check("ip", "link", "set", outside, "up");
        ns.ip("addr", "add", v4 + "2/24", "dev", "eth0");
        ns.ip("addr", "add", v6 + "2/64", "dev", "eth0", "nodad");
        ns.ip("link", "set", "eth0", "up");
        ns.ip("route", "add", "default", "via", v4 + "1");
        ns.ip("-6", "route", "add", "default", "via", v6 + "1");
    }

    /** Answers {@code name} and a newline to every TCP connection on {@code port} (any address) in {@code ns} until closed. */
    static Closeable tcpNameServer(NetworkNamespace ns, int port, String name) throws Exception {
        ServerSocket socket = ns.enter(() -> new ServerSocket(port));
        byte[] answer = (name + "\n").getBytes(StandardCharsets.UTF_8);
        serve("tcp-" + name, socket::isClosed, () -> {
            try (Socket connection = socket.accept()) {
                connection.getOutputStream().write(answer);
            }
        });
        return socket;
    }

    /** Answers {@code name} to every UDP datagram on {@code port} (any address) in {@code ns}, to its sender, until closed. */
    static Closeable udpNameServer(NetworkNamespace ns, int port, String name) throws Exception {
        DatagramSocket socket = ns.enter(() -> new DatagramSocket(port));
        byte[] answer = name.getBytes(StandardCharsets.UTF_8);
        byte[] buffer = new byte[MAX_ANSWER_BYTES];
        serve("udp-" + name, socket::isClosed, () -> {
            DatagramPacket question = new DatagramPacket(buffer, buffer.length);
            socket.receive(question);
            socket.send(new DatagramPacket(answer, answer.length, question.getSocketAddress()));
        });
        return socket;
    }

    /** Connects from {@code ns} to {@code address}:{@code port} and returns what the server sent, stripped. */
    static String askTcp(NetworkNamespace ns, String address, int port) throws Exception {
        return ns.enter(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), CLIENT_TIMEOUT_MILLIS);
                socket.setSoTimeout(CLIENT_TIMEOUT_MILLIS);
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            }
        });
    }

    /**
     * Sends one datagram from {@code ns} to {@code address}:{@code port} from a fresh socket, so from a
     * fresh source port (IPVS schedules UDP per client address and port), and returns the answer.
     */
    static String askUdp(NetworkNamespace ns, String address, int port) throws Exception {
        return ns.enter(() -> {
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.setSoTimeout(CLIENT_TIMEOUT_MILLIS);
                byte[] question = "who".getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(question, question.length, new InetSocketAddress(address, port)));
                DatagramPacket answer = new DatagramPacket(new byte[MAX_ANSWER_BYTES], MAX_ANSWER_BYTES);
                socket.receive(answer);
                return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8);
            }
        });
    }

    /** One exchange of a server: blocks for a request and answers it. */
    @FunctionalInterface
    private interface Exchange {
        void run() throws IOException;
    }

    /** Runs {@code exchange} on a daemon thread until the socket is closed; other failures are logged. */
    private static void serve(String name, BooleanSupplier closed, Exchange exchange) {
        Thread thread = new Thread(() -> {
            while (!closed.getAsBoolean()) {
                try {
                    exchange.run();
                } catch (IOException e) {
                    if (!closed.getAsBoolean()) {
                        LOG.warn("Name server {} failed an exchange", name, e);
                    }
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }
}
