package io.slb.dataplane.proxy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** UdpNameServer is a test UDP backend on java.net: it answers each datagram with "NAME:payload". */
final class UdpNameServer implements AutoCloseable {
    private static final int MAX_DATAGRAM = 2048;

    private final String name;
    private final DatagramSocket socket;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();

    UdpNameServer(String name, InetAddress ip) throws IOException {
        this.name = name;
        this.socket = new DatagramSocket(new InetSocketAddress(ip, 0));
        thread.execute(this::serve);
    }

    InetAddress ip() {
        return socket.getLocalAddress();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (!socket.isClosed()) {
            try {
                DatagramPacket request = new DatagramPacket(buffer, buffer.length);
                socket.receive(request);
                String payload = new String(request.getData(), 0, request.getLength(), StandardCharsets.UTF_8);
                byte[] reply = (name + ":" + payload).getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(reply, reply.length, request.getSocketAddress()));
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
        thread.shutdownNow();
    }
}
