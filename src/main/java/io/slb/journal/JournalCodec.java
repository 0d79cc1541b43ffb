package io.slb.journal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.slb.core.Event;
import io.slb.core.LoadBalancer;
import io.slb.core.Recorded;
import io.slb.core.SlbState;
import io.slb.ipam.IpAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * JournalCodec turns events and snapshots into the UTF-8 JSON payloads the journal stores, and back.
 * An event payload is {@code {"position":7,"event":{"type":"BackendAdded","loadBalancer":"…",…}}}; a
 * snapshot payload is {@code {"position":7,"loadBalancers":[…]}} in state order. Addresses are
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
        return read(payload, Recorded.class);
    }

    /** Returns the payload of a snapshot of {@code state}. */
    byte[] encodeSnapshot(SlbState state) {
        return write(new SnapshotBody(state.position(), List.copyOf(state.all())));
    }

    /**
     * Returns the state in a snapshot {@code payload}.
     *
     * @throws CorruptRecordException if it is not a valid snapshot payload
     */
    SlbState decodeSnapshot(byte[] payload) throws CorruptRecordException {
        SnapshotBody body = read(payload, SnapshotBody.class);
        return SlbState.of(body.loadBalancers(), body.position());
    }

    private byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Every type written here is a record of strings, numbers and enums, and no stream is involved.
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(byte[] payload, Class<T> type) throws CorruptRecordException {
        try {
            return mapper.readValue(payload, type);
        } catch (IOException e) {
            String reason = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new CorruptRecordException("undecodable " + type.getSimpleName() + " JSON (" + reason + ")", e);
        }
    }

    /** SnapshotBody is the JSON shape of a snapshot. */
    record SnapshotBody(long position, List<LoadBalancer> loadBalancers) {}

    /** EventTypes names every event type on the wire (a Jackson mix-in for {@link Event}). */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Event.LoadBalancerCreated.class, name = "LoadBalancerCreated"),
        @JsonSubTypes.Type(value = Event.AddressAssigned.class, name = "AddressAssigned"),
        @JsonSubTypes.Type(value = Event.BackendAdded.class, name = "BackendAdded"),
        @JsonSubTypes.Type(value = Event.BackendRemoved.class, name = "BackendRemoved"),
        @JsonSubTypes.Type(value = Event.StatusChanged.class, name = "StatusChanged"),
        @JsonSubTypes.Type(value = Event.LoadBalancerDeleted.class, name = "LoadBalancerDeleted")
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
