package io.slb.server;

import io.slb.announce.Announcer;
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
import io.slb.core.Decider;
import io.slb.core.SlbState;
import io.slb.dataplane.Dataplane;
import io.slb.journal.Journal;
import io.slb.pipeline.LocalIpamProvider;
import io.slb.pipeline.Reconciler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import reactor.core.Disposable;
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

    private final Journal journal;
    private final EventBus bus;
    private final CommandProcessor processor;
    private final Dataplane dataplane;
    private final Announcer announcer;
    private final Disposable reconciling;
    private final Scheduler timer;
    private final DisposableServer http;

    private SlbServer(SlbConfig config) throws IOException {
        Decider decider = new Decider(config.pools());
        long began = System.nanoTime();
        this.journal = Journal.open(config.dataDir(), decider, config.journal());
        SlbState recovered = journal.recoveredState();
        LOG.info("journal {}: recovered {} load balancers through position {} in {} ms", config.dataDir(),
                recovered.loadBalancers().size(), recovered.position(), (System.nanoTime() - began) / 1_000_000);
        this.bus = new EventBus(config.sse(), journal.recoveredTail());
        this.dataplane = DataplaneSelection.select(config);
        this.announcer = announcer(config);
        this.timer = Schedulers.newSingle("slb-reconciler-timer");
        AtomicReference<CommandProcessor> self = new AtomicReference<>();
        Reconciler reconciler = new Reconciler(() -> self.get().state(), new LocalIpamProvider(config.pools()),
                dataplane, announcer, command -> self.get().submit(command), Clock.systemUTC(), config.reconciler(), timer,
                Schedulers.boundedElastic());
        this.processor = new CommandProcessor(decider, journal, config.commandQueue(),
                List.of(bus::publish, reconciler::onEvents), Schedulers.parallel());
        self.set(processor);
        processor.start();
        this.reconciling = reconciler.start();

        ApiJson json = new ApiJson();
        EventStreamRoute events = new EventStreamRoute(bus, json::event, ApiJson::eventType, config.sse(),
                () -> json.problem(Problems.tooManyClients("too many event-stream clients (at most "
                        + config.sse().maxClients() + "); retry later")));
        LoadBalancerRoutes routes = new LoadBalancerRoutes(processor, dataplane, json, new RequestParser(),
                new ApiAuth(config.apiToken()), Clock.systemUTC(), UUID::randomUUID, config.maxBodyBytes(),
                events::handle, () -> versionInfo(config));
        this.http = HttpServer.create()
                .host(config.address())
                .port(config.port())
                .route(routes)
                .bindNow();
        LOG.info("API Server will be exposed on [{}:{}]", config.address(), port());
    }

    /**
     * Starts slb with {@code config}.
     *
     * @throws IOException if the journal cannot be opened
     * @throws IllegalStateException if the chosen data plane cannot run here
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
        throw new IllegalStateException("--" + mechanism + " announcements are not part of this build yet;"
                + " run with --dataplane none to see what slb would announce, or leave out --" + mechanism);
    }

    private Map<String, Object> versionInfo(SlbConfig config) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("version", Version.current());
        info.put("java", Runtime.version().toString());
        info.put("dataplane", dataplane.name());
        info.put("announcer", announcer.name());
        info.put("ipamRange", config.pools().toString());
        return info;
    }

    @Override
    public void close() {
        http.disposeNow();
        reconciling.dispose();
        processor.close();
        bus.close();
        try {
            journal.close();
        } catch (IOException e) {
            LOG.warn("journal: close failed", e);
        }
        announcer.close();
        dataplane.close();
        timer.dispose();
        LOG.info("slb stopped");
    }
}
