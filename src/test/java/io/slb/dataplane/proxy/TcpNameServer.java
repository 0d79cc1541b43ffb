package io.slb.dataplane.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TcpNameServer is a test backend on plain java.net sockets, independent of Netty: each connection
 * gets "NAME\n", then an echo of what it sends, and on the client's FIN "bye NAME\n" before the
 * server closes.
 */
final class TcpNameServer implements AutoCloseable {
    private static final int BUFFER = 8192;

    private final String name;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();

    TcpNameServer(String name, InetAddress ip) throws IOException {
        this.name = name;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(ip, 0));
        threads.execute(this::acceptLoop);
    }

    String name() {
        return name;
    }

    InetAddress ip() {
        return server.getInetAddress();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Returns how many connections this backend accepted. */
    int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException closed) {
                return;
            }
            accepted.incrementAndGet();
            open.add(socket);
            try {
                threads.execute(() -> serve(socket));
            } catch (RejectedExecutionException closing) {
                // Accepted while closing: close it rather than leave it open and silent.
                closeQuietly(socket);
                return;
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            out.write((name + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
            out.write(("bye " + name + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException reset) {
            // The client or the proxy closed first; nothing to do.
        } finally {
            open.remove(socket);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
