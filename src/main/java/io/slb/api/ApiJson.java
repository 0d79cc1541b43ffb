package io.slb.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.slb.core.Backend;
import io.slb.core.Event;
import io.slb.core.Event.AddressAssigned;
import io.slb.core.Event.AddressReleased;
import io.slb.core.Event.BackendAdded;
import io.slb.core.Event.BackendRemoved;
import io.slb.core.Event.LoadBalancerCreated;
import io.slb.core.Event.LoadBalancerDeleted;
import io.slb.core.Event.StatusChanged;
import io.slb.core.LoadBalancer;
import io.slb.core.Recorded;
import io.slb.core.Status;
import io.slb.dataplane.TrafficStats;
import io.slb.dataplane.TrafficStats.Counters;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * ApiJson renders everything slb's API sends: load balancers (the seed's fields {@code uuid, name, eip,
 * port, backends} first, then {@code protocol, scheduler, status, createdAt} and {@code stats} when the
 * data plane keeps them), backends, SSE event data, problem details and plain values. {@code eip} is
 * written as null until assigned and {@code backends} as {@code []} when empty (the seed wrote null).
 * Instants are ISO-8601 text, IPv6 addresses RFC 5952 text. Thread safe (one immutable Jackson mapper);
 * the render methods never throw except {@link #value}.
 */
public final class ApiJson {
    /** The media type of every JSON reply except problems. */
    public static final String MEDIA_TYPE = "application/json";
    /** The media type of problem replies (RFC 9457 §3). */
    public static final String PROBLEM_MEDIA_TYPE = "application/problem+json";

    /** SSE event names by event record; a test checks every {@link Event} has one. */
    private static final Map<Class<? extends Event>, String> EVENT_TYPES = Map.of(
            LoadBalancerCreated.class, "loadbalancer.created",
            AddressAssigned.class, "address.assigned",
            BackendAdded.class, "backend.added",
            BackendRemoved.class, "backend.removed",
            StatusChanged.class, "status.changed",
            LoadBalancerDeleted.class, "loadbalancer.deleted",
            AddressReleased.class, "address.released");

    private final ObjectMapper mapper;
    private final JsonNodeFactory nodes;

    /** ApiJson builds its mapper: java.time support, dates as ISO-8601 text. */
    public ApiJson() {
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .build();
        this.nodes = mapper.getNodeFactory();
    }

    /** Returns one load balancer as JSON, with {@code stats} (total and per backend) when present. */
    public byte[] loadBalancer(LoadBalancer lb, Optional<TrafficStats> stats) {
        return bytes(loadBalancerNode(lb, stats.orElse(null)));
    }

    /** Returns a JSON array of load balancers in the given order; {@code stats} is asked once per load balancer. */
    public byte[] loadBalancers(Collection<LoadBalancer> lbs, Function<UUID, Optional<TrafficStats>> stats) {
        ArrayNode array = nodes.arrayNode(lbs.size());
        for (LoadBalancer lb : lbs) {
            array.add(loadBalancerNode(lb, stats.apply(lb.uuid()).orElse(null)));
        }
        return bytes(array);
    }

    /**
     * Returns the same JSON array as {@link #loadBalancers}, rendered lazily in chunks of
     * {@code perChunk} load balancers as the subscriber asks for them, so a large listing never sits in
     * memory whole (10k load balancers with 10 backends each are ~13 MB of JSON).
     */
    public Flux<byte[]> loadBalancerChunks(Collection<LoadBalancer> lbs, Function<UUID, Optional<TrafficStats>> stats,
                                           int perChunk) {
        if (perChunk < 1) {
            throw new IllegalArgumentException("perChunk: " + perChunk + " (expected: >= 1)");
        }
        Flux<byte[]> items = Flux.fromIterable(lbs)
                .buffer(perChunk)
                .index()
                .map(chunk -> chunk(chunk.getT1() == 0, chunk.getT2(), stats));
        return Flux.concat(Flux.just(new byte[] {'['}), items, Flux.just(new byte[] {']'}));
    }

    private byte[] chunk(boolean first, List<LoadBalancer> lbs, Function<UUID, Optional<TrafficStats>> stats) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lbs.size(); i++) {
            if (!first || i > 0) {
                out.write(',');
            }
            LoadBalancer lb = lbs.get(i);
            out.writeBytes(bytes(loadBalancerNode(lb, stats.apply(lb.uuid()).orElse(null))));
        }
        return out.toByteArray();
    }

    /** Returns one backend as JSON (the body of the 201 reply to adding it). */
    public byte[] backend(Backend b) {
        return bytes(backendNode(b, null));
    }

    /**
     * Returns {@code recorded} as one line of JSON for an SSE {@code data:} field: {@code id} (journal
     * position), {@code type} ({@link #eventType}), {@code uuid} (load balancer), {@code at}, then the
     * event's own fields under the names the load balancer JSON uses.
     */
    public String event(Recorded recorded) {
        Event event = recorded.event();
        ObjectNode out = nodes.objectNode();
        out.put("id", recorded.position());
        out.put("type", eventType(event));
        out.put("uuid", event.loadBalancer().toString());
        out.put("at", event.at().toString());
        putEventFields(out, event);
        try {
            return mapper.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + recorded.position() + ": cannot render", e);
        }
    }

    /** Returns the SSE {@code event:} name of {@code event}, such as {@code backend.added}. */
    public static String eventType(Event event) {
        String type = EVENT_TYPES.get(event.getClass());
        if (type == null) {
            throw new AssertionError("unmapped event " + event.getClass().getName());
        }
        return type;
    }

    /** Returns {@code problem} as an {@code application/problem+json} body; {@code field} only when set. */
    public byte[] problem(Problem problem) {
        ObjectNode out = nodes.objectNode();
        out.put("type", problem.type());
        out.put("title", problem.title());
        out.put("status", problem.status());
        out.put("detail", problem.detail());
        if (problem.field() != null) {
            out.put("field", problem.field());
        }
        return bytes(out);
    }

    /**
     * Returns {@code value} (a map, list or record, such as the {@code /version} reply) as JSON.
     *
     * @throws IllegalArgumentException with the cause, if Jackson cannot serialize it
     */
    public byte[] value(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value: cannot render " + value.getClass().getName(), e);
        }
    }

    private ObjectNode loadBalancerNode(LoadBalancer lb, @Nullable TrafficStats stats) {
        ObjectNode out = nodes.objectNode();
        out.put("uuid", lb.uuid().toString());
        out.put("name", lb.name());
        out.put("eip", address(lb.eip()));
        out.put("port", lb.port());
        ArrayNode backends = out.putArray("backends");
        for (Backend b : lb.backends()) {
            backends.add(backendNode(b, stats == null ? null : stats.backends().get(b.uuid())));
        }
        out.put("protocol", lb.protocol().wireName());
        out.put("scheduler", lb.scheduler());
        out.set("status", statusNode(lb.status()));
        out.put("createdAt", lb.createdAt().toString());
        if (stats != null) {
            out.set("stats", countersNode(stats.total()));
        }
        return out;
    }

    private ObjectNode backendNode(Backend b, @Nullable Counters stats) {
        ObjectNode out = nodes.objectNode();
        out.put("uuid", b.uuid().toString());
        out.put("ip", IpText.format(b.ip()));
        out.put("port", b.port());
        out.put("weight", b.weight());
        out.put("type", b.type().name());
        if (stats != null) {
            out.set("stats", countersNode(stats));
        }
        return out;
    }

    private ObjectNode statusNode(Status status) {
        ObjectNode out = nodes.objectNode();
        out.put("state", status.phase().name().toLowerCase(Locale.ROOT));
        out.put("stage", status.stage());
        out.put("error", status.error());
        return out;
    }

    private ObjectNode countersNode(Counters c) {
        ObjectNode out = nodes.objectNode();
        out.put("activeConnections", c.activeConnections());
        out.put("totalConnections", c.totalConnections());
        out.put("bytesIn", c.bytesIn());
        out.put("bytesOut", c.bytesOut());
        return out;
    }

    private void putEventFields(ObjectNode out, Event event) {
        if (event instanceof LoadBalancerCreated e) {
            out.put("name", e.name());
            out.put("port", e.port());
            out.put("protocol", e.protocol().wireName());
            out.put("scheduler", e.scheduler());
        } else if (event instanceof AddressAssigned e) {
            out.put("eip", IpText.format(e.eip()));
            out.put("source", e.source());
            if (e.ref() != null) {
                out.put("ref", e.ref());
            }
        } else if (event instanceof BackendAdded e) {
            out.set("backend", backendNode(e.backend(), null));
        } else if (event instanceof BackendRemoved e) {
            out.put("backenduuid", e.backend().toString());
        } else if (event instanceof StatusChanged e) {
            out.set("status", statusNode(e.status()));
        } else if (!(event instanceof LoadBalancerDeleted || event instanceof AddressReleased)) {
            throw new AssertionError("unhandled event " + event.getClass().getName());
        }
    }

    private static @Nullable String address(@Nullable InetAddress address) {
        return address == null ? null : IpText.format(address);
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a JSON tree", e);
        }
    }
}
