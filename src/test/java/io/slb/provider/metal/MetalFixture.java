package io.slb.provider.metal;

import java.time.Clock;
import java.time.Duration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** MetalFixture is a fake Metal API and a client for it with short timeouts and backoffs. Close it. */
final class MetalFixture implements AutoCloseable {
    static final Duration CALL_TIMEOUT = Duration.ofMillis(500);
    static final int RETRIES = 4;

    final FakeMetalApi fake = new FakeMetalApi();
    final Scheduler timer = Schedulers.newSingle("metal-test-timer");
    final MetalClient client;

    MetalFixture() {
        this(FakeMetalApi.TOKEN, FakeMetalApi.PROJECT);
    }

    MetalFixture(String token, String project) {
        client = new MetalClient(options(token, project), Clock.systemUTC(), timer);
    }

    MetalOptions options(String token, String project) {
        return new MetalOptions(fake.baseUrl(), token, project, "sv15", null, null, FakeMetalApi.HOSTNAME,
                CALL_TIMEOUT, RETRIES, Duration.ofMillis(10), Duration.ofMillis(50));
    }

    @Override
    public void close() {
        client.close();
        fake.close();
        timer.dispose();
    }
}
