package io.slb.dataplane.ipvs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * KernelPreparation readies the kernel for IPVS NAT, as the seed did at start: IPv4 (and, with IPv6
 * pools, IPv6) forwarding, IPVS connection tracking, and masquerading of traffic leaving the adapter.
 * Each step is idempotent and logged. Steps throw IllegalStateException with a one-line reason.
 */
final class KernelPreparation {
    /** TABLE is slb's own nftables table; replacing it whole keeps masquerading idempotent. */
    static final String TABLE = "slb";
    /**
     * NFT_TIMEOUT_SECONDS bounds one {@code nft -f}. It takes milliseconds, except the first time, when
     * the kernel loads nf_tables and its NAT modules: under qemu TCG that took more than 10 s.
     */
    private static final long NFT_TIMEOUT_SECONDS = 60;
    /** Interface names the kernel accepts (IFNAMSIZ 16 with NUL), kept to characters safe in an nft script. */
    private static final Pattern ADAPTER = Pattern.compile("[A-Za-z0-9_.:@-]{1,15}");
    private static final String ENABLED = "1";

    private static final Logger LOG = LogManager.getLogger();

    private final Path procSys;

    KernelPreparation(Path procSys) {
        this.procSys = procSys;
    }

    /** Sets net.ipv4.ip_forward=1, and with {@code ipv6} net.ipv6.conf.all.forwarding=1. */
    void enableForwarding(boolean ipv6) {
        sysctl("net/ipv4/ip_forward", "IPv4 Forwarding");
        if (ipv6) {
            sysctl("net/ipv6/conf/all/forwarding", "IPv6 Forwarding");
        }
    }

    /** Sets net.ipv4.vs.conntrack=1 (IPVS connections pass netfilter, so masquerading sees them); needs ip_vs loaded. */
    void enableConntrack() {
        sysctl("net/ipv4/vs/conntrack", "IPv4 Virtual Server connection tracking");
    }

    /**
     * Masquerades everything leaving {@code adapter}, like the seed's iptables MASQUERADE rule, in an
     * nftables table of slb's own that is replaced whole each time. This shells out to {@code nft}:
     * programming nf_tables over netlink (NFNL batches of table, chain and rule expressions) is not
     * part of slb's netlink layer yet.
     */
    void masquerade(String adapter) {
        if (!ADAPTER.matcher(adapter).matches()) {
            throw new IllegalStateException("--adapter: \"" + adapter + "\" (expected: an interface name, 1..15 of A-Z a-z 0-9 _ . : @ -)");
        }
        String script = String.join("\n",
                "table inet " + TABLE,
                "delete table inet " + TABLE,
                "table inet " + TABLE + " {",
                "  chain postrouting {",
                "    type nat hook postrouting priority srcnat; policy accept;",
                "    oifname \"" + adapter + "\" masquerade",
                "  }",
                "}",
                "");
        nft(script);
        LOG.info("Enabled masquerading out of {} in the kernel (nftables table inet {})", adapter, TABLE);
    }

    private void sysctl(String key, String what) {
        Path file = procSys.resolve(key);
        try {
            Files.writeString(file, ENABLED);
        } catch (IOException e) {
            throw new IllegalStateException("cannot enable " + what + ": cannot write " + file + ": " + e.getMessage(), e);
        }
        LOG.info("Enabled {} in the kernel", what);
    }

    private static void nft(String script) {
        Process p;
        try {
            p = new ProcessBuilder(List.of("nft", "-f", "-")).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("masquerading needs the nft command (apt-get install nftables): " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            if (!p.waitFor(NFT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("nft -f did not finish within " + NFT_TIMEOUT_SECONDS + " s");
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new IllegalStateException("nft refused slb's masquerading table (exit " + p.exitValue() + "): "
                        + output.replace('\n', ' '));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run nft: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running nft", e);
        }
    }
}
