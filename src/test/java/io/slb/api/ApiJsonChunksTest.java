package io.slb.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.slb.core.LoadBalancer;
import io.slb.core.Protocol;
import io.slb.core.Status;
import io.slb.ipam.IpAddresses;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streamed listing is byte for byte the listing rendered at once, whatever the chunking. */
class ApiJsonChunksTest {
    private final ApiJson json = new ApiJson();

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 49, 50, 51, 120})
    void chunksJoinToTheWholeListing(int count) {
        List<LoadBalancer> lbs = IntStream.range(0, count)
                .mapToObj(i -> new LoadBalancer(UUID.randomUUID(), "lb-" + i, IpAddresses.parse("10.0.0." + (i % 250 + 1)),
                        80, Protocol.TCP, "rr", List.of(), Status.ACTIVE, Instant.EPOCH))
                .toList();
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        json.loadBalancerChunks(lbs, id -> Optional.empty(), 50)
                .doOnNext(joined::writeBytes)
                .blockLast(Duration.ofSeconds(10));
        assertThat(joined.toByteArray()).isEqualTo(json.loadBalancers(lbs, id -> Optional.empty()));
    }
}
