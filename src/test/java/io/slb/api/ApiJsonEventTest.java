package io.slb.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slb.core.Backend;
import io.slb.core.Event;
import io.slb.core.Event.AddressAssigned;
import io.slb.core.Event.AddressReleased;
import io.slb.core.Event.BackendAdded;
import io.slb.core.Event.BackendRemoved;
import io.slb.core.Event.LoadBalancerCreated;
import io.slb.core.Event.LoadBalancerDeleted;
import io.slb.core.Event.StatusChanged;
import io.slb.core.ForwardMethod;
import io.slb.core.Protocol;
import io.slb.core.Recorded;
import io.slb.core.Status;
import io.slb.ipam.IpAddresses;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every journal event renders as one line of SSE data with a stable type name. */
class ApiJsonEventTest {
    private static final UUID LB = UUID.fromString("087fcb0f-8e07-4123-a32f-e8e83a281023");
    private static final UUID B = UUID.fromString("779344ce-72ca-4aec-a1c0-d9c5c4d72419");
    private static final Instant AT = Instant.parse("2024-05-01T10:00:00.123Z");
    private static final String HEAD = "{\"id\":7,\"type\":\"%s\",\"uuid\":\"" + LB + "\",\"at\":\"2024-05-01T10:00:00.123Z\"";

    /** One of each event; {@link #coversEveryEventRecord} fails when a new record is missing here. */
    private static final List<Event> ONE_OF_EACH = List.of(
            new LoadBalancerCreated(LB, "web\nfront", 443, Protocol.UDP, "wlc", AT),
            new AddressAssigned(LB, IpAddresses.parse("2001:db8::10"), "ipam", null, AT),
            new BackendAdded(LB, new Backend(B, IpAddresses.parse("10.0.0.5"), 8443, 2, ForwardMethod.TUNNEL), AT),
            new BackendRemoved(LB, B, AT),
            new StatusChanged(LB, Status.failed("announce", "arp: EPERM"), AT),
            new LoadBalancerDeleted(LB, AT),
            new AddressReleased(LB, AT));
    private static final AddressAssigned FROM_PROVIDER =
            new AddressAssigned(LB, IpAddresses.parse("147.75.0.9"), "metal", "e1a2b3c4-0000-4000-8000-000000000009", AT);

    private final ApiJson json = new ApiJson();

    @Test
    void coversEveryEventRecord() {
        Set<Class<?>> permitted = Arrays.stream(Event.class.getPermittedSubclasses()).collect(Collectors.toSet());

        assertThat(ONE_OF_EACH).extracting(Object::getClass).containsExactlyInAnyOrderElementsOf(permitted);
        assertThat(ONE_OF_EACH).extracting(ApiJson::eventType).doesNotHaveDuplicates()
                .allMatch(type -> type.matches("[a-z]+\\.[a-z]+"));
    }

    @Test
    void everyEventRendersAsOneLineOfJsonNamingItsTypeAndPosition() throws IOException {
        for (Event event : ONE_OF_EACH) {
            String data = json.event(new Recorded(7, event));

            assertThat(data).doesNotContain("\n", "\r");
            JsonNode node = new ObjectMapper().readTree(data);
            assertThat(node.get("id").asLong()).isEqualTo(7);
            assertThat(node.get("type").asText()).isEqualTo(ApiJson.eventType(event));
            assertThat(node.get("uuid").asText()).isEqualTo(LB.toString());
        }
    }

    @Test
    void loadBalancerCreatedCarriesTheLoadBalancerFields() {
        assertThat(render(0)).isEqualTo(head("loadbalancer.created")
                + ",\"name\":\"web\\nfront\",\"port\":443,\"protocol\":\"udp\",\"scheduler\":\"wlc\"}");
    }

    @Test
    void addressAssignedCarriesEipAndSource() {
        assertThat(render(1)).isEqualTo(head("address.assigned") + ",\"eip\":\"2001:db8::10\",\"source\":\"ipam\"}");
    }

    @Test
    void backendAddedCarriesTheBackendAsTheListShowsIt() {
        assertThat(render(2)).isEqualTo(head("backend.added") + ",\"backend\":{\"uuid\":\"" + B
                + "\",\"ip\":\"10.0.0.5\",\"port\":8443,\"weight\":2,\"type\":\"TUNNEL\"}}");
    }

    @Test
    void backendRemovedCarriesTheBackendUuid() {
        assertThat(render(3)).isEqualTo(head("backend.removed") + ",\"backenduuid\":\"" + B + "\"}");
    }

    @Test
    void statusChangedCarriesTheStatusAsTheListShowsIt() {
        assertThat(render(4)).isEqualTo(head("status.changed")
                + ",\"status\":{\"state\":\"failed\",\"stage\":\"announce\",\"error\":\"arp: EPERM\"}}");
    }

    @Test
    void loadBalancerDeletedCarriesOnlyTheCommonFields() {
        assertThat(render(5)).isEqualTo(head("loadbalancer.deleted") + "}");
    }

    @Test
    void addressFromAProviderCarriesItsRef() {
        assertThat(json.event(new Recorded(7, FROM_PROVIDER))).isEqualTo(head("address.assigned")
                + ",\"eip\":\"147.75.0.9\",\"source\":\"metal\",\"ref\":\"e1a2b3c4-0000-4000-8000-000000000009\"}");
    }

    @Test
    void addressReleasedCarriesOnlyTheCommonFields() {
        assertThat(render(6)).isEqualTo(head("address.released") + "}");
    }

    private String render(int index) {
        return json.event(new Recorded(7, ONE_OF_EACH.get(index)));
    }

    private static String head(String type) {
        return String.format(HEAD, type);
    }
}
