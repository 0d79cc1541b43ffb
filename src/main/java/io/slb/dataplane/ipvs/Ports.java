package io.slb.dataplane.ipvs;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Ports holds the port range and prints endpoints as ipvsadm does ({@code 10.0.0.1:80}, {@code [::1]:80}). */
final class Ports {
    /** MAX is the highest port, a {@code __be16}. */
    static final int MAX = 0xFFFF;

    private Ports() {}

    static String endpoint(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }
}
