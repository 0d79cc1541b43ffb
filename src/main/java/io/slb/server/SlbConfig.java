package io.slb.server;

import io.slb.announce.arp.ArpOptions;
import io.slb.announce.bgp.BgpSettings;
import io.slb.api.sse.SseOptions;
import io.slb.ipam.AddressPools;
import io.slb.journal.JournalOptions;
import io.slb.pipeline.ReconcilerOptions;
import io.slb.provider.metal.MetalOptions;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * SlbConfig is everything {@code slb server} was started with, parsed and checked.
 *
 * @param address    the API's bind address
 * @param port       the API's port (0 picks a free one, for tests)
 * @param apiToken   the bearer token, or null for loopback-only access
 * @param adapter    the network adapter VIPs live on (layer 2) or null
 * @param announce   how VIPs are announced
 * @param dataplane  which data plane to use
 * @param arp        gratuitous ARP / NA burst and refresh for {@code --arp}
 * @param bgp        the {@code --bgp*} settings, or null unless {@code announce} is BGP
 * @param metal      the Equinix Metal settings ({@code --equinixMetal}), or null to take addresses from {@code pools}
 */
public record SlbConfig(
        String address,
        int port,
        Path dataDir,
        AddressPools pools,
        @Nullable String apiToken,
        @Nullable String adapter,
        AnnounceMode announce,
        DataplaneMode dataplane,
        int commandQueue,
        int maxBodyBytes,
        JournalOptions journal,
        ReconcilerOptions reconciler,
        SseOptions sse,
        ArpOptions arp,
        @Nullable BgpSettings bgp,
        @Nullable MetalOptions metal) {

    /** Returns this config with the API on {@code bindAddress}:{@code bindPort}. */
    public SlbConfig withListen(String bindAddress, int bindPort) {
        return new SlbConfig(bindAddress, bindPort, dataDir, pools, apiToken, adapter, announce, dataplane, commandQueue,
                maxBodyBytes, journal, reconciler, sse, arp, bgp, metal);
    }

    /** Returns this config with other address pools. */
    public SlbConfig withPools(AddressPools newPools) {
        return new SlbConfig(address, port, dataDir, newPools, apiToken, adapter, announce, dataplane, commandQueue,
                maxBodyBytes, journal, reconciler, sse, arp, bgp, metal);
    }

    /** Returns this config with another API token (null: loopback only). */
    public SlbConfig withApiToken(@Nullable String token) {
        return new SlbConfig(address, port, dataDir, pools, token, adapter, announce, dataplane, commandQueue,
                maxBodyBytes, journal, reconciler, sse, arp, bgp, metal);
    }

    /** Returns this config taking addresses from Equinix Metal (null: from {@code pools}). */
    public SlbConfig withMetal(@Nullable MetalOptions newMetal) {
        return new SlbConfig(address, port, dataDir, pools, apiToken, adapter, announce, dataplane, commandQueue,
                maxBodyBytes, journal, reconciler, sse, arp, bgp, newMetal);
    }

    /** The seed's API port. */
    public static final int DEFAULT_PORT = 10001;
    /** Bounds the commands waiting for the writer; past it clients get 503 + Retry-After. */
    public static final int DEFAULT_COMMAND_QUEUE = 4096;
    /** Request bodies are a few hundred bytes; 64 KiB leaves room and refuses abuse (413). */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    /** AnnounceMode is how the network learns where VIPs live. */
    public enum AnnounceMode { NONE, ARP, BGP }

    /** DataplaneMode is {@code --dataplane}. */
    public enum DataplaneMode { AUTO, IPVS, PROXY, NONE }
}
