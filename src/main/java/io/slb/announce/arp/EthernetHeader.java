package io.slb.announce.arp;

import java.nio.ByteBuffer;

/**
 * EthernetHeader is the 14-octet Ethernet II header: destination, source and EtherType
 * ({@code struct ethhdr} in {@code include/uapi/linux/if_ether.h}).
 */
record EthernetHeader(MacAddress destination, MacAddress source, int etherType) {
    private static final int MAX_ETHER_TYPE = 0xFFFF;

    EthernetHeader {
        if (etherType < 0 || etherType > MAX_ETHER_TYPE) {
            throw new IllegalArgumentException("etherType: " + etherType + " (expected: 0..65535)");
        }
    }

    /**
     * Returns this header followed by {@code payload}, unpadded: a 42-octet ARP frame leaves as arping's
     * does, and the driver pads it to the 60-octet minimum where the medium needs it.
     */
    byte[] frame(byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(IfEther.ETH_HLEN + payload.length);
        destination.write(out);
        source.write(out);
        out.putShort((short) etherType);
        out.put(payload);
        return out.array();
    }

    /**
     * Reads the header at the buffer's position and advances it to the payload.
     *
     * @throws IllegalArgumentException if fewer than 14 octets remain
     */
    static EthernetHeader read(ByteBuffer in) {
        if (in.remaining() < IfEther.ETH_HLEN) {
            throw new IllegalArgumentException("Ethernet frame: " + in.remaining() + " octets (expected: >= " + IfEther.ETH_HLEN + ")");
        }
        MacAddress destination = MacAddress.read(in);
        MacAddress source = MacAddress.read(in);
        return new EthernetHeader(destination, source, Short.toUnsignedInt(in.getShort()));
    }
}
