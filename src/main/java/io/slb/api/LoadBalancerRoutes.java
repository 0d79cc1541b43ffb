package io.slb.api;

import io.slb.control.CommandProcessor;
import io.slb.control.JournalFailedException;
import io.slb.control.Outcome;
import io.slb.control.OverloadedException;
import io.slb.core.Backend;
import io.slb.core.Command;
import io.slb.core.LoadBalancer;
import io.slb.dataplane.Dataplane;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * LoadBalancerRoutes is slb's REST API, with the seed's routes and JSON names. Routes, in the order
 * they are matched:
 * <pre>
 *   POST   /loadbalancer                                   create (201 + Location)
 *   GET    /loadbalancers                                  list
 *   GET    /loadbalancer/{uuid}                            one
 *   DELETE /loadbalancer/{uuid}                            delete (204)
 *   POST   /loadbalancer/{uuid}/backend                    add a backend (201 + Location)
 *   GET    /loadbalancer/{uuid}/backend/{backenduuid}      one backend
 *   DELETE /loadbalancer/{uuid}/backend/{backenduuid}      remove a backend (204)
 *   GET    /events                                         SSE stream of changes
 *   GET    /healthz                                        liveness (no auth)
 *   GET    /version                                        build and mode
 *   anything else                                          404, or 405 with Allow on a known path
 * </pre>
 * Writes go through the {@link CommandProcessor} and are answered once durable. Every error is an
 * RFC 9457 problem+json. Thread safe.
 */
public final class LoadBalancerRoutes implements Consumer<HttpServerRoutes> {
    private static final Logger LOG = LogManager.getLogger();
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String RETRY_AFTER_SECONDS = "1";
    /** Load balancers rendered per chunk of GET /loadbalancers: ~64 KiB with 10 backends each. */
    private static final int LIST_CHUNK = 50;
    /** Path templates and the methods each allows, for 405 answers. */
    private static final List<Map.Entry<String, String>> ALLOWED = List.of(
            Map.entry("^/loadbalancer/?$", "POST"),
            Map.entry("^/loadbalancers/?$", "GET"),
            Map.entry("^/loadbalancer/[^/]+/?$", "GET, DELETE"),
            Map.entry("^/loadbalancer/[^/]+/backend/?$", "POST"),
            Map.entry("^/loadbalancer/[^/]+/backend/[^/]+/?$", "GET, DELETE"),
            Map.entry("^/(events|healthz|version)/?$", "GET"));

    private final CommandProcessor processor;
    private final Dataplane dataplane;
    private final ApiJson json;
    private final RequestParser parser;
    private final ApiAuth auth;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final int maxBodyBytes;
    private final BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> events;
    private final Supplier<Map<String, Object>> version;
    /** GET routes that other parts of slb add ({@code /bgp/peers}); filled before the server starts. */
    private final Map<String, BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>>> extraGets =
            new java.util.concurrent.ConcurrentHashMap<>();

    public LoadBalancerRoutes(CommandProcessor processor, Dataplane dataplane, ApiJson json, RequestParser parser,
                              ApiAuth auth, Clock clock, Supplier<UUID> ids, int maxBodyBytes,
                              BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> events,
                              Supplier<Map<String, Object>> version) {
        this.processor = processor;
        this.dataplane = dataplane;
        this.json = json;
        this.parser = parser;
        this.auth = auth;
        this.clock = clock;
        this.ids = ids;
        this.maxBodyBytes = maxBodyBytes;
        this.events = events;
        this.version = version;
    }

    /**
     * Adds {@code GET path}, behind the same authentication as the other routes. Call it before the
     * routes are given to the HTTP server; returns this.
     */
    public LoadBalancerRoutes get(String path, BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
        extraGets.put(path, handler);
        return this;
    }

    @Override
    public void accept(HttpServerRoutes routes) {
        extraGets.forEach((path, handler) -> routes.get(path, guarded(handler)));
        routes.post("/loadbalancer", guarded(this::create))
                .get("/loadbalancers", guarded(this::list))
                .get("/loadbalancer/{uuid}", guarded(this::get))
                .delete("/loadbalancer/{uuid}", guarded(this::delete))
                .post("/loadbalancer/{uuid}/backend", guarded(this::addBackend))
                .get("/loadbalancer/{uuid}/backend/{backenduuid}", guarded(this::getBackend))
                .delete("/loadbalancer/{uuid}/backend/{backenduuid}", guarded(this::removeBackend))
                .get("/events", guarded(events))
                .get("/healthz", this::healthz)
                .get("/version", guarded(this::version))
                .route(req -> true, guarded(this::fallback));
    }

    private BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> guarded(
            BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
        return (req, res) -> {
            Problem denied = auth.check(req);
            if (denied != null) {
                LOG.info("api: {} {} from {} refused: {}", req.method(), req.uri(), req.remoteAddress(), denied.detail());
                return problem(res.header("WWW-Authenticate", "Bearer realm=\"slb\""), denied);
            }
            return handler.apply(req, res);
        };
    }

    private Publisher<Void> create(HttpServerRequest req, HttpServerResponse res) {
        return Bodies.read(req, maxBodyBytes)
                .flatMap(body -> {
                    Parsed<CreateLoadBalancerRequest> parsed = parser.createLoadBalancer(contentType(req), body);
                    if (parsed instanceof Parsed.Invalid<CreateLoadBalancerRequest> invalid) {
                        return problem(res, invalid.problem());
                    }
                    UUID uuid = ids.get();
                    Command command = ((Parsed.Ok<CreateLoadBalancerRequest>) parsed).value().toCommand(uuid, clock.instant());
                    return execute(req, res, command, state -> {
                        LoadBalancer lb = state.find(uuid).orElseThrow();
                        return created(res, "/loadbalancer/" + uuid, json.loadBalancer(lb, dataplane.stats(uuid)));
                    });
                })
                .onErrorResume(e -> failure(req, res, e));
    }

    private Publisher<Void> list(HttpServerRequest req, HttpServerResponse res) {
        // NB: streamed in chunks with backpressure, so listing 10k load balancers costs no 13 MB buffer.
        return res.status(200).header("Content-Type", JSON)
                .sendByteArray(json.loadBalancerChunks(processor.state().all(), dataplane::stats, LIST_CHUNK))
                .then();
    }

    private Publisher<Void> get(HttpServerRequest req, HttpServerResponse res) {
        return withLoadBalancer(req, res, lb -> ok(res, json.loadBalancer(lb, dataplane.stats(lb.uuid()))));
    }

    private Publisher<Void> delete(HttpServerRequest req, HttpServerResponse res) {
        return withUuid(req, res, "uuid", uuid ->
                execute(req, res, new Command.DeleteLoadBalancer(uuid, clock.instant()), state -> noContent(res)));
    }

    private Publisher<Void> addBackend(HttpServerRequest req, HttpServerResponse res) {
        return withUuid(req, res, "uuid", uuid -> Bodies.read(req, maxBodyBytes)
                .flatMap(body -> {
                    Parsed<AddBackendRequest> parsed = parser.addBackend(contentType(req), body);
                    if (parsed instanceof Parsed.Invalid<AddBackendRequest> invalid) {
                        return problem(res, invalid.problem());
                    }
                    Backend backend = ((Parsed.Ok<AddBackendRequest>) parsed).value().toBackend(ids.get());
                    return execute(req, res, new Command.AddBackend(uuid, backend, clock.instant()), state ->
                            created(res, "/loadbalancer/" + uuid + "/backend/" + backend.uuid(), json.backend(backend)));
                }));
    }

    private Publisher<Void> getBackend(HttpServerRequest req, HttpServerResponse res) {
        return withLoadBalancer(req, res, lb -> withUuid(req, res, "backenduuid", id -> lb.backend(id)
                .map(b -> ok(res, json.backend(b)))
                .orElseGet(() -> problem(res, Problems.notFound("load balancer " + lb.uuid() + " has no backend " + id)))));
    }

    private Publisher<Void> removeBackend(HttpServerRequest req, HttpServerResponse res) {
        return withUuid(req, res, "uuid", uuid -> withUuid(req, res, "backenduuid", backend ->
                execute(req, res, new Command.RemoveBackend(uuid, backend, clock.instant()), state -> noContent(res))));
    }

    private Publisher<Void> healthz(HttpServerRequest req, HttpServerResponse res) {
        JournalFailedException failed = processor.failure();
        if (failed != null) {
            return problem(res, Problems.overloaded(failed.getMessage()));
        }
        return ok(res, json.value(Map.of("status", "ok", "position", processor.state().position(),
                "loadBalancers", processor.state().loadBalancers().size())));
    }

    private Publisher<Void> version(HttpServerRequest req, HttpServerResponse res) {
        return ok(res, json.value(version.get()));
    }

    private Publisher<Void> fallback(HttpServerRequest req, HttpServerResponse res) {
        String path = req.fullPath();
        for (Map.Entry<String, String> route : ALLOWED) {
            if (path.matches(route.getKey())) {
                return problem(res.header("Allow", route.getValue()),
                        Problems.methodNotAllowed(req.method().name(), List.of(route.getValue().split(", "))));
            }
        }
        return problem(res, Problems.notFound("no route for " + req.method().name() + " " + path));
    }

    /** Submits {@code command}; answers with {@code onApplied} once durable, or with the problem. */
    private Mono<Void> execute(HttpServerRequest req, HttpServerResponse res, Command command,
                               Function<io.slb.core.SlbState, Mono<Void>> onApplied) {
        return processor.submit(command)
                .flatMap(outcome -> {
                    if (outcome instanceof Outcome.Refused refused) {
                        return problem(res, Problems.fromRejection(refused.rejection()));
                    }
                    return onApplied.apply(((Outcome.Applied) outcome).state());
                })
                .onErrorResume(e -> failure(req, res, e));
    }

    private Mono<Void> withLoadBalancer(HttpServerRequest req, HttpServerResponse res, Function<LoadBalancer, Publisher<Void>> then) {
        return withUuid(req, res, "uuid", uuid -> processor.state().find(uuid)
                .map(lb -> Mono.from(then.apply(lb)))
                .orElseGet(() -> problem(res, Problems.notFound("no load balancer " + uuid))));
    }

    private Mono<Void> withUuid(HttpServerRequest req, HttpServerResponse res, String param,
                                Function<UUID, Publisher<Void>> then) {
        String text = req.param(param);
        Parsed<UUID> parsed = parser.uuid(param, text == null ? "" : text);
        if (parsed instanceof Parsed.Invalid<UUID> invalid) {
            return problem(res, invalid.problem());
        }
        return Mono.from(then.apply(((Parsed.Ok<UUID>) parsed).value()));
    }

    private Mono<Void> failure(HttpServerRequest req, HttpServerResponse res, Throwable e) {
        if (e instanceof Bodies.BodyTooLargeException) {
            return problem(res.header("Connection", "close"), Problems.payloadTooLarge(maxBodyBytes));
        }
        if (e instanceof OverloadedException || e instanceof JournalFailedException) {
            LOG.warn("api: {} {} refused: {}", req.method(), req.uri(), e.getMessage());
            return problem(res.header("Retry-After", RETRY_AFTER_SECONDS), Problems.overloaded(e.getMessage()));
        }
        LOG.error("api: {} {} failed", req.method(), req.uri(), e);
        return problem(res, Problems.internal("internal error: " + e.getClass().getSimpleName()
                + "; see slb's log for details"));
    }

    private static @Nullable String contentType(HttpServerRequest req) {
        return req.requestHeaders().get("Content-Type");
    }

    private static Mono<Void> ok(HttpServerResponse res, byte[] body) {
        return send(res.status(200), JSON, body);
    }

    private static Mono<Void> created(HttpServerResponse res, String location, byte[] body) {
        return send(res.status(201).header("Location", location), JSON, body);
    }

    private static Mono<Void> noContent(HttpServerResponse res) {
        return res.status(204).send();
    }

    private Mono<Void> problem(HttpServerResponse res, Problem p) {
        return send(res.status(p.status()), PROBLEM_JSON, json.problem(p));
    }

    private static Mono<Void> send(HttpServerResponse res, String contentType, byte[] body) {
        return res.header("Content-Type", contentType).sendByteArray(Mono.just(body)).then();
    }
}
