package io.slb.journal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.slb.core.Event;
import io.slb.core.LoadBalancer;
import io.slb.core.PendingRelease;
import io.slb.core.Recorded;
import io.slb.core.SlbState;
import io.slb.ipam.IpAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * JournalCodec turns events and snapshots into the UTF-8 JSON payloads the journal stores, and back.
 * An event payload is {@code {"position":7,"event":{"type":"BackendAdded","loadBalancer":"…",…}}}; a
 * snapshot payload is {@code {"position":7,"loadBalancers":[…],"addressRefs":{…},"pendingReleases":[…]}}
 * in state order. Records written before a field existed (an {@code AddressAssigned} without
 * {@code ref}, a snapshot without address refs or pending releases) read as that field being null
 * or empty; every other missing field is corruption. Addresses are
 * {@link InetAddress#getHostAddress()} strings read back with {@link IpAddresses#parse} (never DNS),
 * UUIDs and ISO-8601 instants are strings, enums are their names. The type names are part of the
 * format: renaming one is a format change. Thread safe (the mapper is configured once).
 */
final class JournalCodec {
    private final ObjectMapper mapper;

    JournalCodec() {
        SimpleModule addresses = new SimpleModule("slb-addresses")
                .addSerializer(InetAddress.class, new AddressSerializer())
                .addDeserializer(InetAddress.class, new AddressDeserializer());
        mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(addresses)
                .addMixIn(Event.class, EventTypes.class)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** Returns the payload of {@code recorded}. */
    byte[] encodeEvent(Recorded recorded) {
        return write(recorded);
    }

    /**
     * Returns the event in {@code payload}.
     *
     * @throws CorruptRecordException if it is not a valid event payload
     */
    Recorded decodeEvent(byte[] payload) throws CorruptRecordException {
        return read(payload, Recorded.class, tree -> {
            JsonNode event = tree.path("event");
            if (event instanceof ObjectNode e && "AddressAssigned".equals(e.path("type").asText()) && !e.has("ref")) {
                e.putNull("ref");
            }
        });
    }

    /** Returns the payload of a snapshot of {@code state}. */
    byte[] encodeSnapshot(SlbState state) {
        List<PendingEntry> pending = state.pendingReleases().entrySet().stream()
                .map(e -> new PendingEntry(e.getKey(), e.getValue().eip(), e.getValue().source(), e.getValue().ref()))
                .toList();
        return write(new SnapshotBody(state.position(), List.copyOf(state.all()), state.addressRefs(), pending));
    }

    /**
     * Returns the state in a snapshot {@code payload}.
     *
     * @throws CorruptRecordException if it is not a valid snapshot payload
     */
    SlbState decodeSnapshot(byte[] payload) throws CorruptRecordException {
        SnapshotBody body = read(payload, SnapshotBody.class, tree -> {
            if (tree instanceof ObjectNode snapshot) {
                if (!snapshot.has("addressRefs")) {
                    snapshot.putObject("addressRefs");
                }
                if (!snapshot.has("pendingReleases")) {
                    snapshot.putArray("pendingReleases");
                }
            }
        });
        Map<UUID, PendingRelease> pending = new LinkedHashMap<>();
        for (PendingEntry entry : body.pendingReleases()) {
            pending.put(entry.loadBalancer(), new PendingRelease(entry.eip(), entry.source(), entry.ref()));
        }
        return SlbState.of(body.loadBalancers(), body.addressRefs(), pending, body.position());
    }

    private byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Every type written here is a record of strings, numbers and enums, and no stream is involved.
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** Reads {@code payload} as {@code type} after {@code upgrade} filled in fields older records lack. */
    private <T> T read(byte[] payload, Class<T> type, Consumer<JsonNode> upgrade) throws CorruptRecordException {
        try {
            JsonNode tree = mapper.readTree(payload);
            if (tree == null || !tree.isObject()) {
                throw new CorruptRecordException("undecodable " + type.getSimpleName() + " JSON (not an object)",
                        new java.io.EOFException(tree == null ? "no JSON value" : tree.getNodeType().toString()));
            }
            upgrade.accept(tree);
            return mapper.treeToValue(tree, type);
        } catch (IOException e) {
            String reason = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new CorruptRecordException("undecodable " + type.getSimpleName() + " JSON (" + reason + ")", e);
        }
    }

    /** SnapshotBody is the JSON shape of a snapshot. */
    record SnapshotBody(long position, List<LoadBalancer> loadBalancers, Map<UUID, String> addressRefs,
                        List<PendingEntry> pendingReleases) {}

    /** PendingEntry is one pending release in a snapshot, in state order. */
    record PendingEntry(UUID loadBalancer, @Nullable InetAddress eip, String source, @Nullable String ref) {}

    /** EventTypes names every event type on the wire (a Jackson mix-in for {@link Event}). */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Event.LoadBalancerCreated.class, name = "LoadBalancerCreated"),
        @JsonSubTypes.Type(value = Event.AddressAssigned.class, name = "AddressAssigned"),
        @JsonSubTypes.Type(value = Event.BackendAdded.class, name = "BackendAdded"),
        @JsonSubTypes.Type(value = Event.BackendRemoved.class, name = "BackendRemoved"),
        @JsonSubTypes.Type(value = Event.StatusChanged.class, name = "StatusChanged"),
        @JsonSubTypes.Type(value = Event.LoadBalancerDeleted.class, name = "LoadBalancerDeleted"),
        @JsonSubTypes.Type(value = Event.AddressReleased.class, name = "AddressReleased")
    })
    private interface EventTypes {}

    /** AddressSerializer writes an address as its literal, never a host name. */
    private static final class AddressSerializer extends StdScalarSerializer<InetAddress> {
        private static final long serialVersionUID = 1L;

        AddressSerializer() {
            super(InetAddress.class);
        }

        @Override
        public void serialize(InetAddress value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.getHostAddress());
        }
    }

    /** AddressDeserializer reads an address literal without consulting DNS. */
    private static final class AddressDeserializer extends StdScalarDeserializer<InetAddress> {
        private static final long serialVersionUID = 1L;

        AddressDeserializer() {
            super(InetAddress.class);
        }

        @Override
        public InetAddress deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                return (InetAddress) ctxt.handleUnexpectedToken(InetAddress.class, p);
            }
            try {
                return IpAddresses.parse(text);
            } catch (IllegalArgumentException e) {
                throw ctxt.weirdStringException(text, InetAddress.class, e.getMessage());
            }
        }
    }
}
