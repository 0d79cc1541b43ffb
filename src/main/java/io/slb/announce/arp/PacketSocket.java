package io.slb.announce.arp;

import io.slb.sys.Syscalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * PacketSocket is a send-only {@code AF_PACKET}/{@code SOCK_RAW} socket bound to one adapter
 * (packet(7)): frames are written whole, Ethernet header included, and the socket was opened with
 * protocol 0, so it receives nothing and queues nothing. It belongs to the network namespace of the
 * thread that called {@link #open}. {@link #send} may be called from any one thread at a time;
 * {@link #close} is idempotent.
 */
final class PacketSocket implements AutoCloseable {
    /** {@code MSG_DONTWAIT}: a full send buffer fails with EAGAIN instead of blocking the sender. */
    private static final int MSG_DONTWAIT = 0x40;

    private final Syscalls sys;
    private final String adapter;
    private final int ifindex;
    private volatile int fd;

    private PacketSocket(Syscalls sys, String adapter, int ifindex, int fd) {
        this.sys = sys;
        this.adapter = adapter;
        this.ifindex = ifindex;
        this.fd = fd;
    }

    /**
     * Opens the socket on {@code adapter} in the calling thread's network namespace.
     *
     * @throws LinkLayerException if the adapter does not exist, is not Ethernet, or the socket cannot be
     *     opened (EPERM without CAP_NET_RAW)
     */
    static PacketSocket open(Syscalls sys, String adapter) throws LinkLayerException {
        int ifindex = sys.libc().if_nametoindex(adapter);
        if (ifindex == 0) {
            throw failure(sys, "if_nametoindex " + adapter);
        }
        int fd = sys.libc().socket(IfPacket.AF_PACKET, IfPacket.SOCK_RAW | IfPacket.SOCK_CLOEXEC, IfPacket.PROTOCOL_NONE);
        if (fd < 0) {
            throw failure(sys, "socket(AF_PACKET) for " + adapter);
        }
        PacketSocket socket = new PacketSocket(sys, adapter, ifindex, fd);
        try {
            ByteBuffer address = sockaddr(ifindex, IfPacket.PROTOCOL_NONE, MacAddress.ZERO);
            if (sys.libc().bind(fd, address, IfPacket.SOCKADDR_LL_SIZE) != 0) {
                throw failure(sys, "bind " + adapter);
            }
            socket.mac();
            return socket;
        } catch (LinkLayerException e) {
            socket.close();
            throw e;
        }
    }

    String adapter() {
        return adapter;
    }

    int ifindex() {
        return ifindex;
    }

    /**
     * Returns the adapter's current MAC address, as the kernel reports it for the bound socket
     * ({@code getsockname}), so a changed address is picked up at the next call.
     *
     * @throws LinkLayerException if the call fails or the adapter is not Ethernet
     */
    MacAddress mac() throws LinkLayerException {
        ByteBuffer address = ByteBuffer.allocate(IfPacket.SOCKADDR_LL_SIZE).order(ByteOrder.nativeOrder());
        ByteBuffer length = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.nativeOrder())
                .putInt(0, IfPacket.SOCKADDR_LL_SIZE);
        if (sys.libc().getsockname(fd, address, length) != 0) {
            throw failure(sys, "getsockname " + adapter);
        }
        int hatype = Short.toUnsignedInt(address.getShort(IfPacket.SLL_HATYPE));
        int halen = Byte.toUnsignedInt(address.get(IfPacket.SLL_HALEN));
        if (hatype != IfArp.ARPHRD_ETHER || halen != IfEther.ETH_ALEN) {
            throw new LinkLayerException("adapter " + adapter + ": hardware type " + hatype + ", address length " + halen
                    + " (expected: " + IfArp.ARPHRD_ETHER + " (Ethernet), " + IfEther.ETH_ALEN + ")", 0);
        }
        return MacAddress.read(address.position(IfPacket.SLL_ADDR));
    }

    /**
     * Sends one whole Ethernet frame without blocking.
     *
     * @throws LinkLayerException on failure, e.g. ENETDOWN when the adapter is down, EAGAIN when its
     *     send buffer is full
     */
    void send(byte[] frame) throws LinkLayerException {
        EthernetHeader header = EthernetHeader.read(ByteBuffer.wrap(frame));
        ByteBuffer to = sockaddr(ifindex, header.etherType(), header.destination());
        long sent = sys.libc().sendto(fd, ByteBuffer.wrap(frame), frame.length, MSG_DONTWAIT, to, IfPacket.SOCKADDR_LL_SIZE);
        if (sent < 0) {
            throw failure(sys, "sendto " + adapter);
        }
        if (sent != frame.length) {
            throw new LinkLayerException("sendto " + adapter + ": sent " + sent + " of " + frame.length + " octets", 0);
        }
    }

    /** Returns {@code struct sockaddr_ll} for {@code ifindex}; the protocol is written big-endian. */
    private static ByteBuffer sockaddr(int ifindex, int protocol, MacAddress address) {
        ByteBuffer out = ByteBuffer.allocate(IfPacket.SOCKADDR_LL_SIZE).order(ByteOrder.nativeOrder());
        out.putShort(IfPacket.SLL_FAMILY, (short) IfPacket.AF_PACKET);
        out.order(ByteOrder.BIG_ENDIAN).putShort(IfPacket.SLL_PROTOCOL, (short) protocol).order(ByteOrder.nativeOrder());
        out.putInt(IfPacket.SLL_IFINDEX, ifindex);
        out.putShort(IfPacket.SLL_HATYPE, (short) IfArp.ARPHRD_ETHER);
        out.put(IfPacket.SLL_HALEN, (byte) IfEther.ETH_ALEN);
        address.write(out.position(IfPacket.SLL_ADDR));
        return out.rewind();
    }

    private static LinkLayerException failure(Syscalls sys, String operation) {
        int errno = sys.errno();
        return new LinkLayerException(operation + ": " + sys.describe(errno), errno);
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            sys.libc().close(fd);
            fd = -1;
        }
    }

    @Override
    public String toString() {
        return "PacketSocket{" + adapter + ", ifindex " + ifindex + ", " + (fd >= 0 ? "open" : "closed") + "}";
    }
}
