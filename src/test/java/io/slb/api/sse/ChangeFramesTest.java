package io.slb.api.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.slb.core.Recorded;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChangeFramesTest {
    private final AtomicInteger renders = new AtomicInteger();
    private final ChangeFrames frames = new ChangeFrames(
            recorded -> {
                renders.incrementAndGet();
                return "{\"id\":" + recorded.position() + "}";
            },
            event -> "status.changed");

    @Test
    void framesAChangeAsAnSseEventWithItsPositionAsId() {
        assertThat(new String(frames.frame(TestEvents.change(7)), StandardCharsets.UTF_8))
                .isEqualTo("id: 7\nevent: status.changed\ndata: {\"id\":7}\n\n");
    }

    @Test
    void rendersEachPositionOnceForAnyNumberOfClients() {
        Recorded change = TestEvents.change(42);
        byte[] first = frames.frame(change);
        for (int client = 0; client < 1_000; client++) {
            assertThat(frames.frame(change)).isSameAs(first);
        }
        assertThat(renders).hasValue(1);
    }

    @Test
    void aClientFarBehindGetsTheRightFrameRenderedAgain() {
        byte[] old = frames.frame(TestEvents.change(1));
        frames.frame(TestEvents.change(1 + ChangeFrames.SLOTS));

        byte[] again = frames.frame(TestEvents.change(1));

        assertThat(again).isNotSameAs(old).isEqualTo(old);
        assertThat(renders).hasValue(3);
    }
}
