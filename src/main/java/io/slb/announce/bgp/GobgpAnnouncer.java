package io.slb.announce.bgp;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.slb.announce.Announcer;
import io.slb.announce.bgp.apipb.Global;
import io.slb.announce.bgp.apipb.Path;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * GobgpAnnouncer advertises each VIP as a /32 (/128) path through a gobgpd 3.x that it drives over gRPC.
 *
 * <p>A supervisor keeps a <em>session</em> with gobgpd: {@code GetBgp}, then {@code StartBgp} only if BGP
 * is not running (a second StartBgp fails or wipes the RIB), {@code AddPeer} for every configured peer
 * gobgpd lacks, then a reconciliation of the RIB with the wanted VIPs (add the missing, withdraw the
 * stale), then it follows {@code WatchEvent} peer events until the stream breaks. When gobgpd is
 * unreachable or restarts, the supervisor retries with a bounded backoff, logs why, and reconciles
 * again: every VIP comes back without being replayed from a log. Path uuids from {@code AddPath} are
 * kept here ({@code ListPath} never returns them) and used to withdraw; a stale one falls back to
 * deleting by path.
 *
 * <p>{@link #announce} fails while there is no session; the VIP stays wanted and the next session
 * advertises it. Closing leaves the paths in gobgpd, like a data plane leaves the kernel programmed,
 * so a restart of slb does not withdraw routes. Thread safe.
 */
public final class GobgpAnnouncer implements Announcer {
    private static final Logger LOG = LogManager.getLogger();
    /** First retry after gobgpd was lost; it restarts in about 100 ms when supervised. */
    private static final Duration MIN_BACKOFF = Duration.ofMillis(50);
    /**
     * Longest wait between attempts. Small, because VIPs must be back at the router within 5 s of a
     * gobgpd restart (issue 4) and the router's own reconnect timers take most of that.
     */
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);
    /** Paths added or withdrawn at once during a reconciliation (each call is ~1 ms, bgp-harness.md §4). */
    private static final int RECONCILE_CONCURRENCY = 16;
    private static final long NO_SESSION = 0;

    private final BgpSettings settings;
    private final GobgpClient client;
    private final @Nullable GobgpdProcess daemon;
    private final PeerStates peers;
    /** The wanted VIPs and the path that advertises each in the current session, if any. */
    private final Map<InetAddress, Advert> adverts = new ConcurrentHashMap<>();
    /** Paths gobgpd may hold from before this process that must stay; null until {@link #retainOnly} said. */
    private volatile @Nullable Set<InetAddress> keep;
    private final AtomicLong sessions = new AtomicLong();
    /** NB: best effort: a recovery nobody listens to is not kept (the reconciler subscribes at start). */
    private final Sinks.Many<String> recoveries = Sinks.many().multicast().directBestEffort();
    private volatile long session = NO_SESSION;
    private volatile @Nullable String problem;
    private final Disposable supervision;

    private GobgpAnnouncer(BgpSettings settings, GobgpClient client, @Nullable GobgpdProcess daemon, Clock clock) {
        this.settings = settings;
        this.client = client;
        this.daemon = daemon;
        this.peers = new PeerStates(settings.peers(), clock);
        this.supervision = supervise();
    }

    /**
     * Starts announcing through the gobgpd at {@code settings.api()}, first launching it when
     * {@code settings.gobgpd()} is set (its log goes to {@code workDir/gobgpd.log}). Returns at once;
     * the session comes up in the background.
     *
     * @throws IllegalStateException if gobgpd was to be launched and cannot be
     */
    public static GobgpAnnouncer start(BgpSettings settings, java.nio.file.Path workDir, Clock clock) {
        GobgpdProcess daemon = settings.gobgpd() == null ? null
                : GobgpdProcess.start(settings.gobgpd(), settings.api(), workDir.resolve("gobgpd.log"));
        LOG.info("bgp: AS {} router id {} announcing through gobgpd at {} to peers {}", settings.asn(),
                settings.routerId().getHostAddress(), settings.api(), settings.peers());
        return new GobgpAnnouncer(settings, GobgpClient.create(settings.api()), daemon, clock);
    }

    @Override
    public String name() {
        return "bgp";
    }

    /** Returns whether a session with gobgpd is up (BGP started, peers added, RIB reconciled or reconciling). */
    public boolean connected() {
        return session != NO_SESSION;
    }

    /** Returns why the last attempt to use gobgpd failed, or empty while a session is up. */
    public java.util.Optional<String> problem() {
        return session == NO_SESSION ? java.util.Optional.ofNullable(problem) : java.util.Optional.empty();
    }

    /** Returns the last known state of every configured peer, in {@code --bgpPeer} order. */
    public List<BgpPeerStatus> peers() {
        return peers.all();
    }

    /** Returns peer state changes as they happen (hot; a slow subscriber misses changes rather than buffering them). */
    public Flux<BgpPeerStatus> peerChanges() {
        return peers.changes();
    }

    @Override
    public Flux<String> recoveries() {
        return recoveries.asFlux();
    }

    /** Returns the API this announcer talks to, for status output. */
    public BgpApiTarget api() {
        return settings.api();
    }

    @Override
    public Mono<Void> announce(InetAddress vip) {
        return Mono.defer(() -> {
            adverts.putIfAbsent(vip, Advert.NONE);
            long id = session;
            if (id == NO_SESSION) {
                return Mono.error(new IllegalStateException("gobgpd at " + settings.api() + " is not reachable yet; "
                        + vip.getHostAddress() + " is advertised as soon as it is"));
            }
            Advert current = adverts.get(vip);
            if (current != null && current.session() == id && current.uuid() != null) {
                return Mono.empty();
            }
            return advertise(vip, id);
        });
    }

    @Override
    public Mono<Void> withdraw(InetAddress vip) {
        return Mono.defer(() -> {
            Advert last = adverts.remove(vip);
            Set<InetAddress> kept = keep;
            if (kept != null) {
                kept.remove(vip);
            }
            long id = session;
            if (id == NO_SESSION) {
                LOG.warn("bgp: gobgpd at {} is not reachable; {} is withdrawn when it is", settings.api(), vip.getHostAddress());
                return Mono.empty();
            }
            Mono<Void> delete = last != null && last.session() == id && last.uuid() != null
                    ? client.deletePath(last.uuid()).onErrorResume(GobgpClient::isNotFound, e -> deleteByPath(vip))
                    : deleteByPath(vip);
            return delete.doOnSuccess(ok -> LOG.info("bgp: withdrew {}", prefix(vip)));
        });
    }

    @Override
    public Mono<Void> retainOnly(Set<InetAddress> desired) {
        return Mono.defer(() -> {
            Set<InetAddress> kept = ConcurrentHashMap.newKeySet();
            kept.addAll(desired);
            keep = kept;
            Flux<InetAddress> unwanted = Flux.fromIterable(Set.copyOf(adverts.keySet()))
                    .filter(vip -> !desired.contains(vip));
            Flux<InetAddress> leftovers = session == NO_SESSION ? Flux.empty() : localHostRoutes()
                    .filter(vip -> !desired.contains(vip) && !adverts.containsKey(vip));
            return Flux.concat(unwanted, leftovers).distinct().flatMap(this::withdraw, RECONCILE_CONCURRENCY).then();
        });
    }

    @Override
    public void close() {
        supervision.dispose();
        client.close();
        if (daemon != null) {
            daemon.close();
        }
        LOG.info("bgp: stopped; gobgpd at {} keeps {} paths", settings.api(), adverts.size());
    }

    private Disposable supervise() {
        return Flux.defer(this::session)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, MIN_BACKOFF)
                        .maxBackoff(MAX_BACKOFF)
                        .transientErrors(true)
                        .doBeforeRetry(signal -> lost(signal.failure(), signal.totalRetriesInARow())))
                .subscribe(peers::record, e -> LOG.error("bgp: supervisor stopped", e));
    }

    /** One session: configure gobgpd, reconcile the RIB, then follow peer events until the stream breaks. */
    private Flux<io.slb.announce.bgp.apipb.WatchEventResponse.PeerEvent> session() {
        long id = sessions.incrementAndGet();
        return ensureStarted()
                .then(ensurePeers())
                .then(Mono.fromRunnable(() -> {
                    session = id;
                    LOG.info("bgp: session {} with gobgpd at {} up", id, settings.api());
                }))
                .then(reconcile(id))
                .then(Mono.fromRunnable(() -> recoveries.tryEmitNext("gobgpd session " + id + " reconciled")))
                .thenMany(client.watchPeers())
                .concatWith(Flux.error(() -> new IllegalStateException("gobgpd ended the peer event stream")));
    }

    private Mono<Void> ensureStarted() {
        return client.getBgp()
                .onErrorMap(StatusRuntimeException.class, this::explain)
                .flatMap(global -> {
                    if (global.getAsn() == 0) {
                        return client.startBgp(global()).doOnSuccess(ok -> LOG.info(
                                "bgp: started BGP in gobgpd at {}: AS {} router id {} listen port {}", settings.api(),
                                settings.asn(), settings.routerId().getHostAddress(), settings.listenPort()));
                    }
                    if (global.getAsn() != settings.asn()) {
                        return Mono.error(new IllegalStateException("gobgpd at " + settings.api() + " already runs AS "
                                + Integer.toUnsignedLong(global.getAsn()) + " (expected: " + settings.asn()
                                + " from --bgpAs); stop it or change --bgpAs"));
                    }
                    // NB: never StartBgp a running gobgpd: it fails on the port, or with no listener wipes the RIB.
                    LOG.info("bgp: gobgpd at {} already runs BGP as AS {} router id {}", settings.api(),
                            settings.asn(), global.getRouterId());
                    return Mono.empty();
                });
    }

    private Global global() {
        return Global.newBuilder()
                .setAsn((int) settings.asn())
                .setRouterId(settings.routerId().getHostAddress())
                .setListenPort(settings.listenPort())
                .build();
    }

    private Mono<Void> ensurePeers() {
        return client.listPeers()
                .map(p -> PeerStates.key(p.getConf().getNeighborAddress()))
                .collect(Collectors.toSet())
                .flatMapMany(present -> Flux.fromIterable(settings.peers())
                        .filter(p -> !present.contains(PeerStates.key(p.address().getHostAddress()))))
                .concatMap(peer -> client.addPeer(PeerStates.toPeer(peer))
                        .doOnSuccess(ok -> LOG.info("bgp: Add a peer configuration for: {}", peer))
                        .onErrorResume(e -> !isConnectionError(e), e -> {
                            LOG.error("bgp: gobgpd at {} refused peer {}: {}", settings.api(), peer, describe(e));
                            return Mono.empty();
                        }))
                .then();
    }

    /** Makes gobgpd's locally originated host routes match the wanted VIPs; a reconciliation, not a replay. */
    private Mono<Void> reconcile(long id) {
        return localHostRoutes()
                .collect(Collectors.toSet())
                .flatMap(present -> {
                    Set<InetAddress> kept = keep;
                    Set<InetAddress> wanted = Set.copyOf(adverts.keySet());
                    List<InetAddress> missing = wanted.stream().filter(v -> !present.contains(v)).toList();
                    List<InetAddress> stale = kept == null ? List.of() : present.stream()
                            .filter(v -> !wanted.contains(v) && !kept.contains(v)).toList();
                    // A path gobgpd still holds keeps its uuid: only the gRPC connection was lost.
                    wanted.stream().filter(present::contains).forEach(v ->
                            adverts.computeIfPresent(v, (k, a) -> a.uuid() == null ? a : new Advert(id, a.uuid())));
                    LOG.info("bgp: reconciling gobgpd at {}: {} VIPs wanted, {} present, {} to advertise, {} stale to withdraw",
                            settings.api(), wanted.size(), present.size(), missing.size(), stale.size());
                    return Flux.fromIterable(missing).flatMap(v -> advertise(v, id), RECONCILE_CONCURRENCY)
                            .thenMany(Flux.fromIterable(stale).flatMap(this::deleteByPath, RECONCILE_CONCURRENCY))
                            .then();
                });
    }

    private Flux<InetAddress> localHostRoutes() {
        return Flux.concat(client.listPaths(Paths.IPV4_UNICAST), client.listPaths(Paths.IPV6_UNICAST))
                .filter(Paths::isLocal)
                .flatMapIterable(path -> Paths.hostOf(path).stream().toList());
    }

    private Mono<Void> advertise(InetAddress vip, long id) {
        Path path = Paths.hostRoute(vip, settings.nextHop(vip));
        return client.addPath(path).flatMap(uuid -> {
            Advert now = adverts.computeIfPresent(vip, (k, a) -> new Advert(id, uuid));
            if (now == null) {
                // Withdrawn while the add was in flight: take it back.
                return client.deletePath(uuid).onErrorResume(GobgpClient::isNotFound, e -> Mono.empty());
            }
            LOG.info("bgp: advertising {} next hop {} (session {})", prefix(vip), settings.nextHop(vip).getHostAddress(), id);
            return Mono.<Void>empty();
        });
    }

    private Mono<Void> deleteByPath(InetAddress vip) {
        return client.deletePath(Paths.hostRoute(vip, settings.nextHop(vip)))
                .onErrorResume(GobgpClient::isNotFound, e -> Mono.empty());
    }

    private void lost(Throwable cause, long inARow) {
        long was = session;
        session = NO_SESSION;
        peers.unknownAll();
        client.resetConnectBackoff();
        String why = describe(cause);
        problem = why;
        if (was != NO_SESSION) {
            LOG.warn("bgp: lost gobgpd at {} (session {}): {}; reconnecting", settings.api(), was, why);
        } else if (inARow == 0 || inARow % LOG_EVERY_N_RETRIES == 0) {
            LOG.warn("bgp: gobgpd at {} not usable (attempt {}): {}; retrying every {} ms at most",
                    settings.api(), inARow + 1, why, MAX_BACKOFF.toMillis());
        }
    }

    /** While gobgpd stays away, one line per ~10 s instead of one per second. */
    private static final int LOG_EVERY_N_RETRIES = 10;

    private Throwable explain(StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        if (code == Status.Code.UNIMPLEMENTED) {
            return new IllegalStateException("gobgpd at " + settings.api() + " does not serve apipb.GobgpApi ("
                    + e.getStatus().getDescription() + "): slb needs gobgpd 3.x; gobgpd 4.x changed its API", e);
        }
        if (code == Status.Code.UNAVAILABLE) {
            return new IllegalStateException("gobgpd at " + settings.api() + " is unreachable: "
                    + e.getStatus().getDescription(), e);
        }
        if (code == Status.Code.DEADLINE_EXCEEDED) {
            return new IllegalStateException("gobgpd at " + settings.api() + " did not answer within "
                    + GobgpClient.CALL_DEADLINE.toSeconds() + " s: " + e.getStatus().getDescription(), e);
        }
        return e;
    }

    private static boolean isConnectionError(Throwable e) {
        return e instanceof StatusRuntimeException s && (s.getStatus().getCode() == Status.Code.UNAVAILABLE
                || s.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED);
    }

    static String describe(Throwable e) {
        if (e instanceof StatusRuntimeException s) {
            return s.getStatus().getCode() + ": " + s.getStatus().getDescription();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String prefix(InetAddress vip) {
        return vip.getHostAddress() + "/" + (vip instanceof java.net.Inet4Address ? Paths.IPV4_HOST_BITS : Paths.IPV6_HOST_BITS);
    }

    /** Advert is a wanted VIP's path in gobgpd: the session it was added in and its uuid, or NONE if not (yet) added. */
    private record Advert(long session, @Nullable ByteString uuid) {
        static final Advert NONE = new Advert(NO_SESSION, null);
    }
}
