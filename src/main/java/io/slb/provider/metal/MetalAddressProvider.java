package io.slb.provider.metal;

import io.slb.core.LoadBalancer;
import io.slb.core.PendingRelease;
import io.slb.ipam.IpAddresses;
import io.slb.pipeline.AddressProvider;
import io.slb.pipeline.PermanentFailureException;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * MetalAddressProvider takes each load balancer's VIP from its own Equinix Metal IP reservation (one
 * public IPv4 address), tagged {@code slb:<load balancer uuid>}. Obtaining first looks for a
 * reservation with that tag, so a grant slb never recorded (it died between the answer and the
 * journal write, or the answer was lost to a 5xx) is found instead of asked for again; if several
 * carry the tag, the one with the smallest id is kept and the others are deleted. Releasing deletes
 * the recorded reservation and any other with the tag; a reservation already gone counts as
 * released. The API's refusals (401, 403, 404, 422) become {@link PermanentFailureException}s with
 * the API's text. Thread safe.
 */
public final class MetalAddressProvider implements AddressProvider {
    /** The {@code source} of Metal addresses in events. */
    public static final String NAME = "metal";
    /** The command-line flag that selects this provider, for messages. */
    public static final String FLAG = "--equinixMetal";
    private static final String TAG_PREFIX = "slb:";
    private static final Logger LOG = LogManager.getLogger();

    private final MetalClient client;

    public MetalAddressProvider(MetalClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Returns the tag that marks the reservation of load balancer {@code uuid}. */
    public static String tag(UUID uuid) {
        return TAG_PREFIX + uuid;
    }

    /**
     * Emits {@code lb}'s address if it has one (no API call: the reservation is slb's, and the
     * release path deletes it); otherwise its tagged reservation, made if there is none.
     */
    @Override
    public Mono<Grant> ensure(LoadBalancer lb) {
        InetAddress eip = lb.eip();
        if (eip != null) {
            return Mono.just(new Grant(eip, null));
        }
        return Mono.defer(() -> findOrRequest(lb))
                .retryWhen(client.retry())
                .onErrorMap(MetalApiException.class::isInstance, MetalAddressProvider::classify);
    }

    private Mono<Grant> findOrRequest(LoadBalancer lb) {
        String tag = tag(lb.uuid());
        return client.reservations().flatMap(all -> {
            List<IpReservation> mine = all.stream().filter(r -> r.tagged(tag))
                    .sorted(Comparator.comparing(IpReservation::id)).toList();
            if (mine.isEmpty()) {
                return client.requestReservation(List.of(tag), "slb load balancer " + lb.name())
                        .doOnNext(r -> LOG.info("load balancer {} ({}): reserved {} as {}", lb.uuid(), lb.name(),
                                r.firstAddress(), r.id()))
                        .map(MetalAddressProvider::grant);
            }
            IpReservation kept = mine.get(0);
            LOG.info("load balancer {} ({}): found reservation {} ({}) by tag {}", lb.uuid(), lb.name(), kept.id(),
                    kept.firstAddress(), tag);
            return Flux.fromIterable(mine.subList(1, mine.size()))
                    .concatMap(extra -> delete(extra.id(), "duplicate for " + lb.uuid()))
                    .then(Mono.fromSupplier(() -> grant(kept)));
        });
    }

    private static Grant grant(IpReservation r) {
        String address = r.firstAddress();
        if (address == null) {
            throw new IllegalStateException("Equinix Metal API: reservation " + r.id() + " has no address (state "
                    + r.state() + ")");
        }
        return new Grant(IpAddresses.parse(address), r.id());
    }

    @Override
    public Mono<Void> release(UUID loadBalancer, PendingRelease release) {
        String ref = release.ref();
        Mono<Void> recorded = ref == null ? Mono.empty() : delete(ref, "load balancer " + loadBalancer);
        String tag = tag(loadBalancer);
        Mono<Void> others = client.reservations()
                .flatMapMany(all -> Flux.fromIterable(all).filter(r -> r.tagged(tag) && !r.id().equals(ref)))
                .concatMap(r -> delete(r.id(), "load balancer " + loadBalancer))
                .then();
        return recorded.then(others)
                .onErrorMap(MetalApiException.class::isInstance, MetalAddressProvider::classify);
    }

    private Mono<Void> delete(String id, String what) {
        return client.deleteReservation(id)
                .doOnNext(existed -> LOG.info("{}: reservation {} {}", what, id, existed ? "deleted" : "was already gone"))
                .then();
    }

    private static Throwable classify(Throwable e) {
        MetalApiException m = (MetalApiException) e;
        return m.permanent() ? new PermanentFailureException(m.getMessage(), m) : m;
    }
}
