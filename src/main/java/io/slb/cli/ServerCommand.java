package io.slb.cli;

import io.slb.announce.arp.ArpOptions;
import io.slb.announce.bgp.BgpApiTarget;
import io.slb.announce.bgp.BgpSettings;
import io.slb.api.sse.SseOptions;
import io.slb.ipam.AddressPools;
import io.slb.journal.JournalOptions;
import io.slb.pipeline.ReconcilerOptions;
import io.slb.provider.metal.MetalOptions;
import io.slb.server.SlbConfig;
import io.slb.server.SlbServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.config.Configurator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * ServerCommand is {@code slb server}: the seed's flags with the seed's names and defaults, and new
 * ones in the same style. It checks the flags, starts an {@link SlbServer} and runs until SIGTERM or
 * SIGINT.
 */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Start the slb server: the REST API on --port and the load balancers it creates.")
final class ServerCommand implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger();
    /** The seed's token variable (packngo's), and the newer Metal CLI's. */
    private static final String PACKET_TOKEN_ENV = "PACKET_AUTH_TOKEN";
    private static final String METAL_TOKEN_ENV = "METAL_AUTH_TOKEN";

    /** Stands in for the router id until the Metal API's neighbour data replaces it. */
    private static final String PLACEHOLDER_ROUTER_ID = "0.0.0.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--adapter", paramLabel = "IFACE", description = "Network adapter that VIPs are added to and announced from (layer 2).")
    @Nullable String adapter;

    @Option(names = "--port", defaultValue = "10001", description = "Port of the REST API (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--address", defaultValue = "0.0.0.0", description = "Address the REST API binds to (default: ${DEFAULT-VALUE}).")
    String address = "0.0.0.0";

    @Option(names = "--arp", description = "Layer 2: announce VIPs with gratuitous ARP on --adapter.")
    boolean arp;

    @Option(names = "--arpCount", defaultValue = "5", paramLabel = "N",
            description = "Gratuitous ARP (IPv6: unsolicited NA) rounds sent when a VIP comes up (default: ${DEFAULT-VALUE}).")
    int arpCount = ArpOptions.DEFAULTS.count();

    @Option(names = "--arpInterval", defaultValue = "1100ms", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Time between two rounds of one burst (default: ${DEFAULT-VALUE}, as MetalLB).")
    Duration arpInterval = ArpOptions.DEFAULTS.interval();

    @Option(names = "--arpRefresh", defaultValue = "0s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Re-announce every VIP this often; 0s = off (default: ${DEFAULT-VALUE}; kube-vip uses 3s).")
    Duration arpRefresh = ArpOptions.DEFAULTS.refresh();

    @Option(names = "--bgp", description = "Layer 3: announce VIPs as /32 (/128) routes over BGP.")
    boolean bgp;

    @Option(names = "--bgpApi", defaultValue = BgpApiTarget.DEFAULT, paramLabel = "TARGET",
            description = "gobgpd's gRPC API: host:port or unix:///path/to/socket (default: ${DEFAULT-VALUE}). Needs gobgpd 3.x.")
    String bgpApi = BgpApiTarget.DEFAULT;

    @Option(names = "--bgpAs", defaultValue = "65000", paramLabel = "AS", description = "Local AS number (default: ${DEFAULT-VALUE}).")
    String bgpAs = "65000";

    @Option(names = "--bgpRouterId", paramLabel = "IPV4", description = "BGP router id, an IPv4 address (required with --bgp).")
    @Nullable String bgpRouterId;

    @Option(names = "--bgpListenPort", defaultValue = "179", paramLabel = "PORT",
            description = "Port gobgpd accepts BGP sessions on, -1 for none (default: ${DEFAULT-VALUE}).")
    int bgpListenPort = BgpSettings.BGP_PORT;

    @Option(names = "--bgpPeer", paramLabel = "ADDRESS:AS[:PASSWORD][:multihop]",
            description = "A BGP neighbour (repeatable); IPv6 in [brackets]; a password turns on TCP-MD5.")
    List<String> bgpPeers = new ArrayList<>();

    @Option(names = "--bgpNextHop", paramLabel = "ADDRESS",
            description = "Next hop of IPv4 or IPv6 VIPs (repeatable, one per family; default: the session's local address, which exists only in the session's family: IPv6 pools with IPv4 peers need one, and vice versa).")
    List<String> bgpNextHops = new ArrayList<>();

    @Option(names = "--gobgpd", paramLabel = "PATH", description = "Run this gobgpd binary as a child process serving --bgpApi.")
    @Nullable Path gobgpd;

    @Option(names = "--ipamRange", paramLabel = "RANGES", description = "Addresses to hand out as VIPs: comma-separated ranges (a-b), CIDRs and addresses, IPv4 or IPv6.")
    @Nullable String ipamRange;

    @Option(names = "--equinixMetal", description = "Take VIPs from Equinix Metal Elastic IPs (needs --project, --facility or --metro, and PACKET_AUTH_TOKEN).")
    boolean equinixMetal;

    @Option(names = "--project", description = "Equinix Metal project ID.")
    @Nullable String project;

    @Option(names = "--facility", description = "Equinix Metal facility.")
    @Nullable String facility;

    @Option(names = "--metro", description = "Equinix Metal metro (Metal replaced facilities with metros).")
    @Nullable String metro;

    @Option(names = "--metalApiUrl", paramLabel = "URL", description = "Equinix Metal API base URL (default: ${DEFAULT-VALUE}).",
            defaultValue = "https://api.equinix.com/metal/v1")
    URI metalApiUrl = MetalOptions.DEFAULT_BASE_URL;

    @Option(names = "--metalDeviceId", paramLabel = "ID", description = "This machine's Equinix Metal device ID (default: the device whose hostname is this host's).")
    @Nullable String metalDeviceId;

    @Option(names = "--dataplane", defaultValue = "auto", paramLabel = "MODE",
            description = "auto, ipvs, proxy or none (default: ${DEFAULT-VALUE}). none programs nothing and logs what it would.")
    SlbConfig.DataplaneMode dataplane = SlbConfig.DataplaneMode.AUTO;

    @Option(names = "--dataDir", defaultValue = "slb-data", paramLabel = "DIR", description = "Directory of the journal (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("slb-data");

    @Option(names = "--apiToken", defaultValue = "${env:SLB_API_TOKEN}", paramLabel = "TOKEN",
            description = "Bearer token the API requires (default: env SLB_API_TOKEN). Without one, only loopback clients are served.")
    @Nullable String apiToken;

    @Option(names = "--resyncInterval", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How often every load balancer is reconciled again to repair drift (default: ${DEFAULT-VALUE}).")
    Duration resyncInterval = Duration.ofSeconds(30);

    @Option(names = "--logLevel", defaultValue = "info", paramLabel = "LEVEL", description = "Log level: error, warn, info, debug, trace (default: ${DEFAULT-VALUE}).")
    String logLevel = "info";

    @Override
    public Integer call() throws Exception {
        SlbConfig config = config();
        Configurator.setLevel("io.slb", Level.toLevel(logLevel, Level.INFO));
        LOG.info("Starting the Steel Load-Balancer");
        SlbServer server;
        try {
            if (bgpFromMetal(config.metal())) {
                config = config.withBgp(MetalBgpDiscovery.discover(config.metal(), Objects.requireNonNull(config.bgp())));
            }
            server = SlbServer.start(config);
        } catch (IOException | RuntimeException e) {
            // NB: a one-line reason, not a stack trace: these are configuration and environment problems.
            LOG.error("slb cannot start: {}", StartupErrors.describe(e));
            LOG.debug("start-up failure", e);
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the Steel Load-Balancer");
            server.close();
            LogManager.shutdown();
        }, "slb-shutdown"));
        server.http().onDispose().block();
        return 0;
    }

    private SlbConfig config() {
        CommandLine cl = spec.commandLine();
        if (arp && bgp) {
            throw new CommandLine.ParameterException(cl,
                    "--arp and --bgp cannot be used together: choose layer 2 (--arp) or layer 3 (--bgp)");
        }
        if (arp && adapter == null) {
            throw new CommandLine.ParameterException(cl, "--arp needs --adapter: the interface to put VIPs on");
        }
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(cl, "--port: " + port + " (expected: 0..65535)");
        }
        MetalOptions metal = equinixMetal ? metalOptions(cl) : null;
        AddressPools pools;
        try {
            pools = ipamRange == null ? AddressPools.NONE : AddressPools.parse(ipamRange);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--ipamRange: " + e.getMessage(), e, null, ipamRange);
        }
        if (metal != null && !pools.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "--equinixMetal and --ipamRange cannot be used together:"
                    + " choose where VIPs come from");
        }
        if (pools.isEmpty() && metal == null) {
            LOG.warn("no --ipamRange given: creating a load balancer will fail until slb is restarted with one");
        }
        SlbConfig.AnnounceMode announce = arp ? SlbConfig.AnnounceMode.ARP
                : bgp ? SlbConfig.AnnounceMode.BGP : SlbConfig.AnnounceMode.NONE;
        ArpOptions arpOptions;
        try {
            arpOptions = new ArpOptions(arpCount, arpInterval, arpRefresh);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--arpCount/--arpInterval/--arpRefresh: " + e.getMessage(), e);
        }
        BgpSettings bgpSettings = bgpSettings(cl, metal, pools);
        ReconcilerOptions d = ReconcilerOptions.DEFAULTS;
        return new SlbConfig(address, port, dataDir, pools, apiToken, adapter, announce, dataplane,
                SlbConfig.DEFAULT_COMMAND_QUEUE, SlbConfig.DEFAULT_MAX_BODY_BYTES, JournalOptions.DEFAULTS,
                new ReconcilerOptions(d.stageTimeout(), d.retries(), d.minBackoff(), d.maxBackoff(), resyncInterval),
                SseOptions.DEFAULTS, arpOptions, bgpSettings, metal);
    }

    private @Nullable BgpSettings bgpSettings(CommandLine cl, @Nullable MetalOptions metal, AddressPools pools) {
        if (bgpFromMetal(metal)) {
            // The seed's layer 3: identity and peers come from the Metal API at start; the other --bgp* flags apply.
            return settingsFromFlags(cl, PLACEHOLDER_ROUTER_ID, pools);
        }
        if (!bgp) {
            if (!bgpPeers.isEmpty() || bgpRouterId != null || gobgpd != null) {
                throw new CommandLine.ParameterException(cl, "--bgpPeer, --bgpRouterId and --gobgpd need --bgp");
            }
            return null;
        }
        return settingsFromFlags(cl, bgpRouterId, pools);
    }

    /** Returns true if BGP identity and peers are to be read from the Metal API (none given as flags). */
    private boolean bgpFromMetal(@Nullable MetalOptions metal) {
        return bgp && metal != null && bgpRouterId == null && bgpPeers.isEmpty();
    }

    private BgpSettings settingsFromFlags(CommandLine cl, @Nullable String routerId, AddressPools pools) {
        try {
            BgpSettings settings = BgpSettings.fromFlags(bgpApi, bgpAs, routerId, bgpListenPort, bgpPeers, bgpNextHops, gobgpd);
            settings.requireNextHopsFor(pools);
            return settings;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--" + e.getMessage(), e, null, "--bgp");
        }
    }

    /** Returns the Metal settings; the token comes from the environment, never the command line. */
    private MetalOptions metalOptions(CommandLine cl) {
        String token = firstSet(System.getenv(PACKET_TOKEN_ENV), System.getenv(METAL_TOKEN_ENV));
        if (token == null) {
            throw new CommandLine.ParameterException(cl, "--equinixMetal needs an API token in " + PACKET_TOKEN_ENV
                    + " (or " + METAL_TOKEN_ENV + ")");
        }
        if (project == null || project.isBlank()) {
            throw new CommandLine.ParameterException(cl, "--equinixMetal needs --project: the Equinix Metal project ID");
        }
        if (facility == null && metro == null) {
            throw new CommandLine.ParameterException(cl, "--equinixMetal needs --facility or --metro: where to reserve addresses");
        }
        LOG.warn("--equinixMetal: Equinix Metal was shut down on 2026-06-30; using {}", metalApiUrl);
        return MetalOptions.of(metalApiUrl, token, project, facility, metro, metalDeviceId, hostname());
    }

    private static @Nullable String firstSet(@Nullable String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    /** Returns this host's name as the kernel has it (what the seed matched devices by). */
    private static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            LOG.debug("cannot read /proc/sys/kernel/hostname; asking the resolver", e);
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException u) {
                return "localhost";
            }
        }
    }
}
