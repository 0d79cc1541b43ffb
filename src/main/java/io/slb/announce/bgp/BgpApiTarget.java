package io.slb.announce.bgp;

import java.nio.file.Path;

/**
 * BgpApiTarget is where gobgpd's gRPC API listens ({@code --bgpApi}): {@code host:port} over TCP or
 * {@code unix:///path/to/socket}. Its {@link #toString()} is the form gobgpd's {@code --api-hosts} takes.
 */
public sealed interface BgpApiTarget {
    /** gobgpd's default API port. */
    int DEFAULT_PORT = 50051;
    /** The default {@code --bgpApi}: gobgpd on this host, as gobgpd listens by default. */
    String DEFAULT = "127.0.0.1:" + DEFAULT_PORT;
    String UNIX_SCHEME = "unix://";

    /** Tcp is {@code host:port}; the host is an IP literal. */
    record Tcp(java.net.InetAddress host, int port) implements BgpApiTarget {
        public Tcp {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("bgpApi port: " + port + " (expected: 1..65535)");
            }
        }

        @Override
        public String toString() {
            String h = host.getHostAddress();
            return (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
        }
    }

    /** Unix is a unix domain socket file. */
    record Unix(Path socket) implements BgpApiTarget {
        @Override
        public String toString() {
            return UNIX_SCHEME + socket;
        }
    }

    /**
     * Parses {@code host:port}, {@code [v6]:port} or {@code unix:///absolute/path}.
     *
     * @throws IllegalArgumentException naming the bad part and the expected form
     */
    static BgpApiTarget parse(String text) {
        String expected = " (expected: host:port, [ipv6]:port or unix:///path/to/socket)";
        if (text.startsWith(UNIX_SCHEME)) {
            String path = text.substring(UNIX_SCHEME.length());
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("bgpApi: '" + text + "': socket path is not absolute" + expected);
            }
            return new Unix(Path.of(path));
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("bgpApi: '" + text + "'" + expected);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("bgpApi: '" + text + "': IPv6 hosts go in [brackets]" + expected);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bgpApi: '" + text + "': port is not a number" + expected, e);
        }
        return new Tcp(Addresses.literal("bgpApi host", host), port);
    }
}
