package io.slb.dataplane.proxy;

import io.slb.core.Backend;
import io.slb.core.ForwardMethod;
import io.slb.core.LoadBalancer;
import io.slb.core.Protocol;
import io.slb.core.Status;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Fixtures builds load balancers, finds free ports on 127.0.0.0/8 and talks to VIPs. */
final class Fixtures {
    /** Bound on every socket read in the tests. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    /** Short timeouts so drain and idle tests finish quickly. */
    static final ProxyOptions FAST = ProxyOptions.DEFAULTS
            .withDrainTimeout(Duration.ofSeconds(1))
            .withConnectTimeout(Duration.ofSeconds(1))
            .withIoThreads(2);

    private Fixtures() {}

    static InetAddress loopback(String address) {
        try {
            InetAddress ip = InetAddress.getByName(address);
            if (!ip.isLoopbackAddress()) {
                throw new IllegalArgumentException("address: " + address + " (expected: in 127.0.0.0/8)");
            }
            return ip;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    /** Returns a TCP port free on {@code ip} right now (closed again before returning). */
    static int freeTcpPort(InetAddress ip) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(ip, 0));
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a UDP port free on {@code ip} right now. */
    static int freeUdpPort(InetAddress ip) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(ip, 0))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Backend backend(InetAddress ip, int port, int weight) {
        return new Backend(UUID.randomUUID(), ip, port, weight, ForwardMethod.MASQ);
    }

    static Backend backend(TcpNameServer server, int weight) {
        return backend(server.ip(), server.port(), weight);
    }

    static LoadBalancer lb(InetAddress vip, int port, Protocol protocol, String scheduler, List<Backend> backends) {
        return new LoadBalancer(UUID.randomUUID(), "test-" + scheduler, vip, port, protocol, scheduler, backends,
                Status.ACTIVE, Instant.EPOCH);
    }

    static LoadBalancer tcp(InetAddress vip, String scheduler, List<Backend> backends) {
        return lb(vip, freeTcpPort(vip), Protocol.TCP, scheduler, backends);
    }

    /** Connects to the VIP, reads the backend's name line, and closes. */
    static String nameVia(LoadBalancer lb) {
        try (Client client = Client.connect(lb)) {
            return client.readLine();
        }
    }

    /** Client is one blocking TCP connection through a VIP, with bounded reads. */
    static final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader reader;

        private Client(Socket socket) throws IOException {
            this.socket = socket;
            this.reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        }

        static Client connect(LoadBalancer lb) {
            try {
                Socket socket = new Socket();
                socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
                socket.connect(new InetSocketAddress(lb.eip(), lb.port()), (int) READ_TIMEOUT.toMillis());
                return new Client(socket);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Returns the next line, or null at end of stream. */
        String readLine() {
            try {
                return reader.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void send(String text) {
            try {
                socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
