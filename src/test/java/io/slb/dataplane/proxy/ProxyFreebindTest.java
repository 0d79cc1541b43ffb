package io.slb.dataplane.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import io.slb.core.LoadBalancer;
import io.slb.core.Protocol;
import io.slb.ipam.IpAddresses;
import java.net.BindException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.test.StepVerifier;

/**
 * With --arp the VIP reaches the adapter after the data plane stage, so the proxy must be able to
 * listen on an address that is not local yet (IP_FREEBIND); without it such a bind fails.
 */
class ProxyFreebindTest {
    private static final Duration APPLY = Duration.ofSeconds(10);

    /** 198.18.0.0/15 is for benchmarking (RFC 2544) and on no interface here; nothing is sent to it. */
    private static LoadBalancer notLocal(Protocol protocol) {
        return Fixtures.lb(IpAddresses.parse("198.18.77.1"), 18080, protocol, "rr", List.of());
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void nonLocalVipFailsWithoutFreebind(Protocol protocol) {
        try (ProxyDataplane proxy = new ProxyDataplane(ProxyOptions.DEFAULTS.withIoThreads(1))) {
            StepVerifier.create(proxy.apply(notLocal(protocol)))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BindException.class).hasMessageContaining("198.18.77.1:18080"))
                    .verify(APPLY);
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void nonLocalVipListensWithFreebind(Protocol protocol) {
        Assumptions.assumeTrue(Epoll.isAvailable(), "IP_FREEBIND needs the epoll transport");
        try (ProxyDataplane proxy = new ProxyDataplane(ProxyOptions.DEFAULTS.withIoThreads(1).withFreebind(true))) {
            StepVerifier.create(proxy.apply(notLocal(protocol))).expectComplete().verify(APPLY);
            StepVerifier.create(proxy.remove(notLocal(protocol))).expectComplete().verify(APPLY);
        }
    }
}
