package io.slb.announce.arp;

import io.slb.announce.Announcer;
import io.slb.sys.Syscalls;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * ArpAnnouncer is layer-2 announcement on one adapter. {@link #announce} adds the VIP to the adapter
 * as a /32 or /128 (IPv6 without duplicate address detection), then sends a burst of
 * {@link ArpOptions#count()} rounds {@link ArpOptions#interval()} apart: gratuitous ARP in both of
 * arping's forms for IPv4, an unsolicited neighbour advertisement for IPv6. The returned Mono ends
 * after the first round, so its failure (adapter down, no permission) reaches the caller; later rounds
 * run in the background and only log failures. With {@link ArpOptions#refresh()} set, every announced
 * VIP gets one more round each period. A VIP already announced and still on the adapter is not
 * announced again, so a periodic resync costs one netlink round trip.
 *
 * <p>Lifecycle: {@link #open} (sockets, in the calling thread's network namespace), {@link #start}
 * (the sender thread and the refresh timer), {@link #close} (stops both, closes the sockets; the VIPs
 * stay on the adapter so that a restart keeps traffic flowing, and {@link #retainOnly} at the next
 * start removes what is no longer wanted). All socket work runs on one dedicated thread, so the
 * sockets are never used concurrently. Thread safe.
 */
public final class ArpAnnouncer implements Announcer {
    private static final Logger LOG = LogManager.getLogger();

    private final String adapter;
    private final ArpOptions options;
    private final Predicate<InetAddress> owned;
    private final PacketSocket socket;
    private final AdapterAddresses addresses;
    /** The VIPs announced; bounded by the load balancers slb holds. */
    private final Set<InetAddress> announced = ConcurrentHashMap.newKeySet();
    /** The background rounds of each VIP's latest burst. */
    private final Map<InetAddress, Disposable> bursts = new ConcurrentHashMap<>();
    private volatile @Nullable Scheduler sender;
    private volatile @Nullable Disposable refreshing;
    private volatile boolean closed;

    private ArpAnnouncer(String adapter, ArpOptions options, Predicate<InetAddress> owned, PacketSocket socket,
            AdapterAddresses addresses) {
        this.adapter = adapter;
        this.options = options;
        this.owned = owned;
        this.socket = socket;
        this.addresses = addresses;
    }

    /**
     * Opens the AF_PACKET and rtnetlink sockets for {@code adapter} in the calling thread's network
     * namespace; starts no thread.
     *
     * @param owned says which addresses slb may remove from the adapter in {@link #retainOnly} (those
     *     inside its address pools); others are never touched
     * @throws IOException if the adapter does not exist or is not Ethernet, or the sockets cannot be
     *     opened (EPERM without CAP_NET_RAW and CAP_NET_ADMIN); the message names the errno
     */
    public static ArpAnnouncer open(String adapter, ArpOptions options, Predicate<InetAddress> owned) throws IOException {
        Syscalls sys = Syscalls.load();
        PacketSocket socket = PacketSocket.open(sys, adapter);
        try {
            return new ArpAnnouncer(adapter, options, owned, socket, AdapterAddresses.open(adapter, socket.ifindex()));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Starts the sender thread and, if configured, the periodic refresh. Returns this.
     *
     * @throws IllegalStateException if already started or closed
     */
    public synchronized ArpAnnouncer start() {
        if (closed || sender != null) {
            throw new IllegalStateException("arp announcer on " + adapter + ": " + (closed ? "closed" : "already started"));
        }
        Scheduler scheduler = Schedulers.newSingle("slb-arp-" + adapter);
        sender = scheduler;
        if (!options.refresh().isZero()) {
            refreshing = Flux.interval(options.refresh(), options.refresh(), scheduler)
                    .onBackpressureDrop()
                    .concatMap(tick -> Flux.fromIterable(List.copyOf(announced))
                            .concatMap(vip -> quietRound(NeighborAdvertiser.of(vip), "refresh")))
                    .subscribe();
        }
        LOG.info("announce arp: ready on {} (burst {} × {} ms, refresh {})", adapter, options.count(),
                options.interval().toMillis(), options.refresh().isZero() ? "off" : options.refresh());
        return this;
    }

    @Override
    public String name() {
        return "arp";
    }

    @Override
    public Mono<Void> announce(InetAddress vip) {
        return Mono.defer(() -> {
            Scheduler scheduler = sender();
            NeighborAdvertiser advertiser = NeighborAdvertiser.of(vip);
            return Mono.fromCallable(() -> programAddress(vip))
                    .subscribeOn(scheduler)
                    .flatMap(added -> announced.add(vip) || added ? burst(advertiser, scheduler) : Mono.empty());
        });
    }

    @Override
    public Mono<Void> withdraw(InetAddress vip) {
        return Mono.defer(() -> Mono.<Void>fromCallable(() -> {
            forget(vip);
            if (addresses.remove(vip)) {
                LOG.info("announce arp: withdrew {} and removed it from {}", vip.getHostAddress(), adapter);
            }
            return null;
        }).subscribeOn(sender()));
    }

    @Override
    public Mono<Void> retainOnly(Set<InetAddress> desired) {
        Set<InetAddress> keep = Set.copyOf(desired);
        return Mono.defer(() -> Mono.<Void>fromCallable(() -> {
            for (InetAddress vip : List.copyOf(announced)) {
                if (!keep.contains(vip)) {
                    forget(vip);
                }
            }
            for (InetAddress address : addresses.hostAddresses()) {
                if (owned.test(address) && !keep.contains(address) && addresses.remove(address)) {
                    LOG.info("announce arp: removed {} from {}: no load balancer holds it", address.getHostAddress(), adapter);
                }
            }
            return null;
        }).subscribeOn(sender()));
    }

    /** Stops the refresh and every burst, then closes the sockets; idempotent. The VIPs stay on the adapter. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Disposable refresh = refreshing;
        if (refresh != null) {
            refresh.dispose();
        }
        bursts.values().forEach(Disposable::dispose);
        bursts.clear();
        Scheduler scheduler = sender;
        if (scheduler != null) {
            scheduler.dispose();
        }
        socket.close();
        addresses.close();
        LOG.info("announce arp: stopped on {}", adapter);
    }

    private boolean programAddress(InetAddress vip) throws IOException {
        boolean added = addresses.ensure(vip);
        if (added) {
            LOG.info("announce arp: added {} to {}", vip.getHostAddress(), adapter);
        }
        return added;
    }

    /** Sends the first round now (its failure fails the Mono), the others in the background. */
    private Mono<Void> burst(NeighborAdvertiser advertiser, Scheduler scheduler) {
        InetAddress vip = advertiser.vip();
        return round(advertiser, "1 of " + options.count()).then(Mono.fromRunnable(() -> {
            Disposable rest = Flux.range(2, options.count() - 1)
                    .concatMap(i -> Mono.delay(options.interval(), scheduler)
                            .then(quietRound(advertiser, i + " of " + options.count())))
                    .subscribe();
            Disposable previous = bursts.put(vip, rest);
            if (previous != null) {
                previous.dispose();
            }
        }));
    }

    private Mono<Void> quietRound(NeighborAdvertiser advertiser, String which) {
        return round(advertiser, which).onErrorResume(e -> {
            LOG.warn("announce arp: round {} for {} on {} failed: {}", which, advertiser.vip().getHostAddress(), adapter,
                    e.getMessage());
            return Mono.empty();
        });
    }

    private Mono<Void> round(NeighborAdvertiser advertiser, String which) {
        return Mono.fromCallable(() -> {
            MacAddress mac = socket.mac();
            for (byte[] frame : advertiser.frames(mac)) {
                socket.send(frame);
            }
            LOG.debug("announce arp: {} for {} from {} on {} (round {})", kind(advertiser),
                    advertiser.vip().getHostAddress(), mac, adapter, which);
            return true;
        }).then();
    }

    private static String kind(NeighborAdvertiser advertiser) {
        return advertiser instanceof NeighborAdvertiser.GratuitousArp ? "gratuitous ARP" : "unsolicited NA";
    }

    private void forget(InetAddress vip) {
        announced.remove(vip);
        Disposable burst = bursts.remove(vip);
        if (burst != null) {
            burst.dispose();
        }
    }

    private Scheduler sender() {
        Scheduler scheduler = sender;
        if (scheduler == null || closed) {
            throw new IllegalStateException("arp announcer on " + adapter + ": " + (closed ? "closed" : "not started"));
        }
        return scheduler;
    }
}
