package io.slb.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slb.core.Backend;
import io.slb.core.Event;
import io.slb.core.ForwardMethod;
import io.slb.core.LoadBalancer;
import io.slb.core.PendingRelease;
import io.slb.core.Protocol;
import io.slb.core.Recorded;
import io.slb.core.SlbState;
import io.slb.core.Status;
import io.slb.ipam.IpAddresses;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JournalCodecTest {
    private static final UUID LB = UUID.fromString("6b1f1c2e-0000-4000-8000-000000000001");
    private static final Instant AT = Instant.parse("2025-03-04T05:06:07.123456789Z");
    private static final Backend BACKEND = new Backend(UUID.fromString("6b1f1c2e-0000-4000-8000-000000000002"),
            IpAddresses.parse("2001:db8::17"), 8443, 3, ForwardMethod.TUNNEL);

    /** One instance of every event type; a new event type without an entry here fails the walk below. */
    private static final Map<Class<?>, Event> EXAMPLES = List.<Event>of(
                    new Event.LoadBalancerCreated(LB, "web", 443, Protocol.UDP, "wrr", AT),
                    new Event.AddressAssigned(LB, IpAddresses.parse("10.0.0.7"), "metal", "6b1f1c2e-aaaa", AT),
                    new Event.BackendAdded(LB, BACKEND, AT),
                    new Event.BackendRemoved(LB, BACKEND.uuid(), AT),
                    new Event.StatusChanged(LB, Status.failed("vip", "netlink: EPERM \"quoted\"\n"), AT),
                    new Event.LoadBalancerDeleted(LB, AT),
                    new Event.AddressReleased(LB, AT))
            .stream().collect(Collectors.toMap(Object::getClass, Function.identity()));

    private final JournalCodec codec = new JournalCodec();

    @Test
    void everyEventTypeRoundTrips() throws CorruptRecordException {
        Class<?>[] types = Event.class.getPermittedSubclasses();
        assertThat(EXAMPLES.keySet()).as("an example per event type").containsExactlyInAnyOrder(types);
        for (Class<?> type : types) {
            Recorded recorded = new Recorded(42, EXAMPLES.get(type));
            assertThat(codec.decodeEvent(codec.encodeEvent(recorded))).as(type.getSimpleName()).isEqualTo(recorded);
        }
    }

    @Test
    void eventPayloadIsReadableJsonWithTypeAndLiteralAddresses() {
        String json = new String(codec.encodeEvent(new Recorded(7,
                new Event.AddressAssigned(LB, IpAddresses.parse("10.0.0.7"), "ipam", null, AT))), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"position\":7,\"event\":{\"type\":\"AddressAssigned\",\"loadBalancer\":\"" + LB
                + "\",\"eip\":\"10.0.0.7\",\"source\":\"ipam\",\"ref\":null,\"at\":\"2025-03-04T05:06:07.123456789Z\"}}");
    }

    @Test
    void snapshotRoundTripsLoadBalancersInOrder() throws CorruptRecordException {
        LoadBalancer second = new LoadBalancer(UUID.fromString("00000000-0000-4000-8000-00000000000b"), "b", null,
                53, Protocol.UDP, "rr", List.of(), Status.PENDING, AT);
        LoadBalancer first = new LoadBalancer(UUID.fromString("ffffffff-0000-4000-8000-00000000000a"), "a",
                IpAddresses.parse("fd00::1"), 80, Protocol.TCP, "sh", List.of(BACKEND), Status.ACTIVE, AT);
        SlbState state = SlbState.of(List.of(first, second), 99);

        SlbState decoded = codec.decodeSnapshot(codec.encodeSnapshot(state));

        assertThat(decoded).isEqualTo(state);
        assertThat(decoded.all()).containsExactly(first, second);
        assertThat(decoded.addressesInUse()).containsExactly(IpAddresses.parse("fd00::1"));
    }

    @Test
    void snapshotRoundTripsAddressRefsAndPendingReleasesInOrder() throws CorruptRecordException {
        UUID gone = UUID.fromString("00000000-0000-4000-8000-0000000000c1");
        UUID goneEarly = UUID.fromString("00000000-0000-4000-8000-0000000000c0");
        LoadBalancer live = new LoadBalancer(LB, "a", IpAddresses.parse("147.75.0.1"), 80, Protocol.TCP, "rr",
                List.of(), Status.ACTIVE, AT);
        Map<UUID, PendingRelease> pending = new LinkedHashMap<>();
        pending.put(gone, new PendingRelease(IpAddresses.parse("147.75.0.2"), "metal", "ref-2"));
        pending.put(goneEarly, new PendingRelease(null, "metal", null));
        SlbState state = SlbState.of(List.of(live), Map.of(LB, "ref-1"), pending, 12);

        SlbState decoded = codec.decodeSnapshot(codec.encodeSnapshot(state));

        assertThat(decoded).isEqualTo(state);
        assertThat(decoded.pendingReleases().keySet()).containsExactly(gone, goneEarly);
    }

    @Test
    void recordsWrittenBeforeRefsExistedReadAsHavingNone() throws CorruptRecordException {
        String event = "{\"position\":1,\"event\":{\"type\":\"AddressAssigned\",\"loadBalancer\":\"" + LB
                + "\",\"eip\":\"10.0.0.7\",\"source\":\"ipam\",\"at\":\"2025-03-04T05:06:07Z\"}}";
        String snapshot = "{\"position\":4,\"loadBalancers\":[]}";

        assertThat(codec.decodeEvent(event.getBytes(StandardCharsets.UTF_8)).event())
                .isEqualTo(new Event.AddressAssigned(LB, IpAddresses.parse("10.0.0.7"), "ipam", null,
                        Instant.parse("2025-03-04T05:06:07Z")));
        assertThat(codec.decodeSnapshot(snapshot.getBytes(StandardCharsets.UTF_8))).isEqualTo(SlbState.of(List.of(), 4));
    }

    @Test
    void unknownEventTypeIsCorruptNotACrash() {
        String json = "{\"position\":1,\"event\":{\"type\":\"LoadBalancerRenamed\",\"loadBalancer\":\"" + LB
                + "\",\"at\":\"2025-03-04T05:06:07Z\"}}";
        assertThatThrownBy(() -> codec.decodeEvent(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("LoadBalancerRenamed");
    }

    @Test
    void hostNameInsteadOfAddressIsCorruptAndNeverResolved() {
        String json = "{\"position\":1,\"event\":{\"type\":\"AddressAssigned\",\"loadBalancer\":\"" + LB
                + "\",\"eip\":\"localhost\",\"source\":\"ipam\",\"at\":\"2025-03-04T05:06:07Z\"}}";
        assertThatThrownBy(() -> codec.decodeEvent(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("localhost");
    }

    @Test
    void missingFieldTruncatedJsonAndTrailingGarbageAreCorrupt() {
        String valid = new String(codec.encodeEvent(new Recorded(3, EXAMPLES.get(Event.LoadBalancerDeleted.class))),
                StandardCharsets.UTF_8);
        List<String> broken = List.of(
                valid.replace("\"position\":3,", ""),
                valid.substring(0, valid.length() / 2),
                valid + "{}",
                "\u0000\u0000\u0000",
                "[]");
        for (String json : broken) {
            assertThatThrownBy(() -> codec.decodeEvent(json.getBytes(StandardCharsets.UTF_8)))
                    .as(json).isInstanceOf(CorruptRecordException.class);
        }
    }

    @Test
    void everyForwardMethodAndPhaseSurvives() throws CorruptRecordException {
        for (ForwardMethod method : ForwardMethod.values()) {
            Backend b = new Backend(BACKEND.uuid(), IpAddresses.parse("192.0.2.1"), 1, 0, method);
            Recorded r = new Recorded(1, new Event.BackendAdded(LB, b, AT));
            assertThat(codec.decodeEvent(codec.encodeEvent(r))).isEqualTo(r);
        }
        for (Status.Phase phase : Status.Phase.values()) {
            Recorded r = new Recorded(1, new Event.StatusChanged(LB, new Status(phase, null, null), AT));
            assertThat(codec.decodeEvent(codec.encodeEvent(r))).as(phase.name()).isEqualTo(r);
        }
    }
}
