package io.slb.announce.arp;

/**
 * IfPacket holds what an AF_PACKET socket needs: the address family from {@code include/linux/socket.h},
 * the socket type from {@code include/linux/net.h}, and {@code struct sockaddr_ll} from
 * {@code include/uapi/linux/if_packet.h} (layout verified in ../shared/research/build-spike.md §7).
 */
final class IfPacket {
    /** {@code AF_PACKET}: packet family. */
    static final int AF_PACKET = 17;
    /** {@code SOCK_RAW}: the caller writes the whole frame, Ethernet header included. */
    static final int SOCK_RAW = 3;
    /** {@code SOCK_CLOEXEC} (= {@code O_CLOEXEC}): the descriptor does not leak into child processes. */
    static final int SOCK_CLOEXEC = 0x80000;
    /**
     * Protocol 0: the socket receives no frames at all, so a send-only socket never queues any
     * (packet(7): "when protocol is set to zero, no packets are received").
     */
    static final int PROTOCOL_NONE = 0;

    /** {@code sizeof(struct sockaddr_ll)}: u16 family, be16 protocol, i32 ifindex, u16 hatype, u8 pkttype, u8 halen, u8[8] addr. */
    static final int SOCKADDR_LL_SIZE = 20;
    static final int SLL_FAMILY = 0;
    static final int SLL_PROTOCOL = 2;
    static final int SLL_IFINDEX = 4;
    static final int SLL_HATYPE = 8;
    static final int SLL_HALEN = 11;
    static final int SLL_ADDR = 12;

    private IfPacket() {}
}
