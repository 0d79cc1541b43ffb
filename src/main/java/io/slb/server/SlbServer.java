package io.slb.server;

import io.slb.announce.Announcer;
import io.slb.announce.arp.ArpAnnouncer;
import io.slb.announce.bgp.BgpPeersRoute;
import io.slb.announce.bgp.GobgpAnnouncer;
import io.slb.announce.none.LoggingAnnouncer;
import io.slb.announce.none.NoAnnouncer;
import io.slb.api.ApiAuth;
import io.slb.api.ApiJson;
import io.slb.api.LoadBalancerRoutes;
import io.slb.api.Problems;
import io.slb.api.RequestParser;
import io.slb.api.sse.EventBus;
import io.slb.api.sse.EventStreamRoute;
import io.slb.control.CommandProcessor;
import io.slb.core.AddressSource;
import io.slb.core.Decider;
import io.slb.core.SlbState;
import io.slb.dataplane.Dataplane;
import io.slb.journal.Journal;
import io.slb.pipeline.AddressProvider;
import io.slb.pipeline.LocalIpamProvider;
import io.slb.pipeline.Reconciler;
import io.slb.provider.metal.MetalAddressProvider;
import io.slb.provider.metal.MetalClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * SlbServer is one running slb: journal, command processor, event bus, reconciler, data plane,
 * announcer and the HTTP API. {@link #start} returns once the API is listening; {@link #close}
 * stops everything in reverse order (the kernel state a data plane programmed stays, so a restart
 * does not drop traffic). Thread safe.
 */
public final class SlbServer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger();

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final Journal journal;
    private final CommandProcessor processor;
    private final Dataplane dataplane;
    private final Announcer announcer;
    private final DisposableServer http;

    private SlbServer(SlbConfig config) throws IOException {
        try {
            Scheduler timer = Schedulers.newSingle("slb-reconciler-timer");
            opened(timer::dispose);
            MetalClient metal = config.metal() == null ? null : opened(new MetalClient(config.metal(), Clock.systemUTC(), timer));
            Decider decider = new Decider(metal == null ? AddressSource.local(config.pools())
                    : AddressSource.external(MetalAddressProvider.NAME, MetalAddressProvider.FLAG));
            AddressProvider addresses = metal == null ? new LocalIpamProvider(config.pools()) : new MetalAddressProvider(metal);
            long began = System.nanoTime();
            this.journal = opened(Journal.open(config.dataDir(), decider, config.journal()));
            SlbState recovered = journal.recoveredState();
            LOG.info("journal {}: recovered {} load balancers through position {} in {} ms", config.dataDir(),
                    recovered.loadBalancers().size(), recovered.position(), (System.nanoTime() - began) / 1_000_000);
            EventBus bus = opened(new EventBus(config.sse(), journal.recoveredTail(), journal.position(),
                    Schedulers.parallel()));
            this.dataplane = opened(DataplaneSelection.select(config));
            this.announcer = opened(announcer(config));
            AtomicReference<CommandProcessor> self = new AtomicReference<>();
            Reconciler reconciler = new Reconciler(() -> self.get().state(), addresses,
                    dataplane, announcer, command -> self.get().submit(command), Clock.systemUTC(), config.reconciler(),
                    timer, Schedulers.boundedElastic());
            this.processor = new CommandProcessor(decider, journal, config.commandQueue(),
                    List.of(bus::publish, reconciler::onEvents), Schedulers.parallel());
            self.set(processor);
            processor.start();
            opened(processor);

            ApiJson json = new ApiJson();
            BgpPeersRoute bgpPeers = announcer instanceof GobgpAnnouncer bgp ? new BgpPeersRoute(bgp) : null;
            EventStreamRoute events = new EventStreamRoute(bus, json::event, ApiJson::eventType, config.sse(),
                    () -> json.problem(Problems.tooManyClients("too many event-stream clients (at most "
                            + config.sse().maxClients() + "); retry later")),
                    bgpPeers == null ? Flux.empty() : bgpPeers.peerEvents());
            LoadBalancerRoutes routes = new LoadBalancerRoutes(processor, dataplane, json, new RequestParser(),
                    new ApiAuth(config.apiToken()), Clock.systemUTC(), UUID::randomUUID, config.maxBodyBytes(),
                    events::handle, () -> versionInfo(config));
            if (bgpPeers != null) {
                routes.get("/bgp/peers", bgpPeers::handle);
            }
            this.http = HttpServer.create()
                    .host(config.address())
                    .port(config.port())
                    .route(routes)
                    .bindNow();
            opened(http::disposeNow);
            // NB: after the API is up: the first pass over every load balancer can take a while.
            Disposable reconciling = reconciler.start();
            opened(reconciling::dispose);
        } catch (IOException | RuntimeException e) {
            closeOpened();
            throw e;
        }
        LOG.info("API Server will be exposed on [{}:{}]", config.address(), port());
    }

    private <T extends AutoCloseable> T opened(T resource) {
        opened.push(resource);
        return resource;
    }

    /**
     * Starts slb with {@code config}.
     *
     * @throws IOException if the journal cannot be opened (for example, another slb holds it)
     * @throws IllegalStateException if the chosen data plane or announcer cannot run here
     * @throws RuntimeException if the API cannot bind (reactor-netty's ChannelBindException)
     */
    public static SlbServer start(SlbConfig config) throws IOException {
        return new SlbServer(config);
    }

    /** Returns the port the API listens on. */
    public int port() {
        return ((InetSocketAddress) http.address()).getPort();
    }

    /** Returns the command processor (its state is the API's). */
    public CommandProcessor processor() {
        return processor;
    }

    /** Returns a handle that completes when the API server stops. */
    public DisposableServer http() {
        return http;
    }

    private static Announcer announcer(SlbConfig config) {
        if (config.announce() == SlbConfig.AnnounceMode.NONE) {
            return new NoAnnouncer();
        }
        String mechanism = config.announce().name().toLowerCase(java.util.Locale.ROOT);
        if (config.dataplane() == SlbConfig.DataplaneMode.NONE) {
            return new LoggingAnnouncer(mechanism, config.adapter() == null ? "(no adapter)" : config.adapter());
        }
        if (config.announce() == SlbConfig.AnnounceMode.ARP) {
            return arpAnnouncer(config);
        }
        if (config.announce() == SlbConfig.AnnounceMode.BGP) {
            if (config.bgp() == null) {
                throw new IllegalStateException("--bgp: no BGP settings in the configuration (expected: --bgpRouterId and --bgpPeer)");
            }
            return GobgpAnnouncer.start(config.bgp(), config.dataDir(), Clock.systemUTC());
        }
        throw new AssertionError("unhandled announce mode " + config.announce());
    }

    /** Opens the ARP announcer on {@code --adapter}; it may remove only addresses inside the pools. */
    private static Announcer arpAnnouncer(SlbConfig config) {
        String adapter = config.adapter();
        if (adapter == null) {
            throw new IllegalStateException("--arp needs --adapter: the interface to put VIPs on");
        }
        try {
            return ArpAnnouncer.open(adapter, config.arp(), config.pools()::contains).start();
        } catch (IOException e) {
            throw new IllegalStateException("--arp on " + adapter + ": " + e.getMessage(), e);
        }
    }

    private Map<String, Object> versionInfo(SlbConfig config) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("version", Version.current());
        info.put("java", Runtime.version().toString());
        info.put("dataplane", dataplane.name());
        info.put("announcer", announcer.name());
        info.put("ipamRange", config.pools().toString());
        info.put("addresses", config.metal() == null ? Decider.IPAM_SOURCE : MetalAddressProvider.NAME);
        return info;
    }

    /** Stops the API, the reconciler, the writer, the event bus, the journal, the announcer and the data plane. */
    @Override
    public void close() {
        closeOpened();
        LOG.info("slb stopped");
    }

    private void closeOpened() {
        AutoCloseable next;
        while ((next = opened.poll()) != null) {
            try {
                next.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed", next, e);
            }
        }
    }
}
