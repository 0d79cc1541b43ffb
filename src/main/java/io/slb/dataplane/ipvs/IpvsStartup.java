package io.slb.dataplane.ipvs;

import io.slb.netlink.NetlinkErrnoException;
import io.slb.netlink.NetlinkException;
import io.slb.sys.Errno;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

/**
 * IpvsStartup checks that this process may program IPVS, prepares the kernel and opens the
 * {@link IpvsDataplane}. Refusals are IllegalStateExceptions with a one-line reason the CLI prints
 * as is: not root, IPVS missing, nft missing.
 */
public final class IpvsStartup {
    /** CAP_NET_ADMIN's bit in /proc/self/status CapEff (include/uapi/linux/capability.h). */
    private static final int CAP_NET_ADMIN = 12;
    private static final Path PROC_SYS = Path.of("/proc/sys");
    private static final Path PROC_STATUS = Path.of("/proc/self/status");
    private static final String CAP_EFF = "CapEff:";
    private static final int HEX = 16;

    private static final Logger LOG = LogManager.getLogger();

    private IpvsStartup() {}

    /**
     * Returns why IPVS cannot be used here, or empty when it can: the process lacks CAP_NET_ADMIN, or
     * the kernel has no IPVS generic netlink family.
     */
    public static Optional<String> unavailableReason() {
        if (!hasNetAdmin()) {
            return Optional.of("IPVS needs root (CAP_NET_ADMIN): run slb as root, or use --dataplane proxy");
        }
        try (IpvsClient probe = open()) {
            return Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Checks, prepares the kernel (forwarding, IPVS conntrack, and masquerading out of
     * {@code adapter} when given) and returns the data plane. {@code ipv6} also enables IPv6
     * forwarding (pools hold IPv6 addresses). Throws IllegalStateException with the reason.
     */
    public static IpvsDataplane start(@Nullable String adapter, Predicate<InetAddress> owned, boolean ipv6) {
        unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        IpvsClient client = open();
        try {
            KernelPreparation kernel = new KernelPreparation(PROC_SYS);
            kernel.enableForwarding(ipv6);
            kernel.enableConntrack();
            if (adapter != null) {
                kernel.masquerade(adapter);
            }
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        LOG.info("ipvs: programming the kernel's IPVS over generic netlink");
        return new IpvsDataplane(client, Schedulers.newSingle("netlink-ipvs"), owned);
    }

    private static IpvsClient open() {
        try {
            return IpvsClient.open();
        } catch (NetlinkErrnoException e) {
            if (e.source() == NetlinkErrnoException.Source.KERNEL && e.errno() == Errno.ENOENT) {
                throw new IllegalStateException("IPVS is not available: load the ip_vs module (modprobe ip_vs)", e);
            }
            throw new IllegalStateException("IPVS is not available: " + e.getMessage(), e);
        } catch (NetlinkException e) {
            throw new IllegalStateException("IPVS is not available: " + e.getMessage(), e);
        }
    }

    /** Returns whether this process holds CAP_NET_ADMIN; false when /proc cannot tell. */
    static boolean hasNetAdmin() {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith(CAP_EFF)) {
                    return new BigInteger(line.substring(CAP_EFF.length()).strip(), HEX).testBit(CAP_NET_ADMIN);
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("cannot read the capabilities in {}", PROC_STATUS, e);
        }
        return false;
    }
}
