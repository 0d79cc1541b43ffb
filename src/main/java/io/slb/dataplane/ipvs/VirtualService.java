package io.slb.dataplane.ipvs;

import static io.slb.netlink.uapi.IpVsH.IP_VS_SCHEDNAME_MAXLEN;
import static io.slb.netlink.uapi.IpVsH.IP_VS_SVC_F_PERSISTENT;

import java.nio.charset.StandardCharsets;

/**
 * VirtualService is an IPVS service's configuration: its key, scheduler ({@code rr}, {@code wlc}…),
 * flags ({@code IP_VS_SVC_F_*}, e.g. persistent), persistence timeout in seconds and persistence
 * netmask as a prefix length (0..32 or 0..128; the codec turns an IPv4 one into a mask). Immutable.
 */
public record VirtualService(VirtualServiceKey key, String scheduler, int flags, int timeout, int netmask) {
    public VirtualService {
        int length = scheduler.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0 || length >= IP_VS_SCHEDNAME_MAXLEN) {
            throw new IllegalArgumentException("scheduler: \"" + scheduler + "\" (expected: 1.." + (IP_VS_SCHEDNAME_MAXLEN - 1) + " bytes)");
        }
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0)");
        }
        int bits = key.family().bits();
        if (netmask < 0 || netmask > bits) {
            throw new IllegalArgumentException("netmask: " + netmask + " (expected: 0.." + bits + ")");
        }
    }

    /** Returns a service without flags or persistence, as {@code ipvsadm -A -s scheduler} makes it. */
    public static VirtualService of(VirtualServiceKey key, String scheduler) {
        return new VirtualService(key, scheduler, 0, 0, key.family().bits());
    }

    /** Returns this service made persistent for {@code seconds} per client address ({@code ipvsadm -p}). */
    public VirtualService persistent(int seconds) {
        return new VirtualService(key, scheduler, flags | IP_VS_SVC_F_PERSISTENT, seconds, netmask);
    }

    @Override
    public String toString() {
        return key + " " + scheduler + (flags == 0 ? "" : " flags 0x" + Integer.toHexString(flags))
                + (timeout == 0 ? "" : " persistent " + timeout + "s /" + netmask);
    }
}
