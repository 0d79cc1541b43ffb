package io.slb.core;

import static io.slb.core.Samples.create;
import static io.slb.core.Samples.delete;
import static io.slb.core.Samples.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.slb.core.Event.AddressAssigned;
import io.slb.core.Rejection.Kind;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Many creates and deletes decided one after the other, as the journal would serialise them. */
class AddressAllocationTest {
    private static final String POOL = "10.20.30.0/24";
    /** A /24 minus its network and broadcast addresses. */
    private static final int USABLE = 254;
    private static final int CREATES = 200;

    @Test
    void consecutiveCreatesGetDistinctAddressesInAscendingOrder() {
        DeciderFixture fixture = DeciderFixture.pools(POOL);

        List<InetAddress> addresses = createAll(fixture, 1, CREATES);

        assertThat(addresses).doesNotHaveDuplicates().hasSize(CREATES);
        assertThat(addresses).containsExactlyElementsOf(expectedAddresses(1, CREATES));
        assertThat(fixture.state().addressesInUse()).containsExactlyInAnyOrderElementsOf(addresses);
    }

    @Test
    void createsAfterDeletesReuseTheLowestFreedAddressesFirst() {
        DeciderFixture fixture = DeciderFixture.pools(POOL);
        createAll(fixture, 1, CREATES);

        fixture.accept(delete(150));
        fixture.accept(delete(10));
        fixture.accept(delete(50));
        List<InetAddress> reused = createAll(fixture, CREATES + 1, 3);

        assertThat(reused).containsExactly(ip("10.20.30.10"), ip("10.20.30.50"), ip("10.20.30.150"));
        assertThat(createAll(fixture, CREATES + 4, 1)).containsExactly(ip("10.20.30.201"));
    }

    @Test
    void thePoolRunsOutAfterEveryUsableAddressIsTaken() {
        DeciderFixture fixture = DeciderFixture.pools(POOL);

        List<InetAddress> addresses = createAll(fixture, 1, USABLE);

        assertThat(addresses).doesNotHaveDuplicates().hasSize(USABLE)
                .doesNotContain(ip("10.20.30.0"), ip("10.20.30.255"));
        fixture.when(create(USABLE + 1)).thenRejected(Kind.EXHAUSTED, null);

        fixture.accept(delete(USABLE));
        assertThat(createAll(fixture, USABLE + 2, 1)).containsExactly(ip("10.20.30.254"));
    }

    /** Creates load balancers {@code from .. from+count-1}, folding each in, and returns their addresses. */
    private static List<InetAddress> createAll(DeciderFixture fixture, int from, int count) {
        List<InetAddress> addresses = new ArrayList<>();
        for (int n = from; n < from + count; n++) {
            for (Event event : fixture.accept(create(n))) {
                if (event instanceof AddressAssigned a) {
                    addresses.add(a.eip());
                }
            }
        }
        return addresses;
    }

    private static List<InetAddress> expectedAddresses(int firstHost, int count) {
        List<InetAddress> expected = new ArrayList<>();
        for (int host = firstHost; host < firstHost + count; host++) {
            expected.add(ip("10.20.30." + host));
        }
        return expected;
    }
}
