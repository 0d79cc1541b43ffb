package io.slb.api.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SseEncoderTest {
    @Test
    void encodesIdEventAndDataEndingWithBlankLine() {
        assertThat(SseEncoder.encode(SseEvent.of("42", "StatusChanged", "{\"a\":1}")))
                .isEqualTo("id: 42\nevent: StatusChanged\ndata: {\"a\":1}\n\n");
    }

    @Test
    void splitsMultiLineDataIntoOneDataLinePerLine() {
        assertThat(SseEncoder.encode(SseEvent.typed("x", "one\ntwo\r\nthree\rfour")))
                .isEqualTo("event: x\ndata: one\ndata: two\ndata: three\ndata: four\n\n");
    }

    @Test
    void keepsEmptyDataLinesWithoutTrailingSpace() {
        assertThat(SseEncoder.encode(new SseEvent(null, null, "a\n\nb", null)))
                .isEqualTo("data: a\ndata:\ndata: b\n\n");
        assertThat(SseEncoder.encode(new SseEvent(null, null, "", null))).isEqualTo("data:\n\n");
    }

    @Test
    void encodesCommentsBeforeFieldsOneLineEach() {
        assertThat(SseEncoder.encode(SseEvent.comment("heartbeat"))).isEqualTo(": heartbeat\n\n");
        assertThat(SseEncoder.encode(new SseEvent("7", null, "d", "first\nsecond")))
                .isEqualTo(": first\n: second\nid: 7\ndata: d\n\n");
    }

    @Test
    void encodesRetryInMilliseconds() {
        assertThat(SseEncoder.retry(Duration.ofSeconds(2))).isEqualTo("retry: 2000\n");
    }

    @Test
    void rejectsLineBreaksInIdAndEvent() {
        assertThatThrownBy(() -> SseEvent.of("1\n2", "x", "d"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id: \"1\\n2\" (expected: no CR, LF or NUL)");
        assertThatThrownBy(() -> SseEvent.typed("a\rb", "d"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("event: ");
        assertThatThrownBy(() -> SseEvent.of("1\0", "x", "d")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAnEmptyEvent() {
        assertThatThrownBy(() -> new SseEvent(null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SseEvent: all fields null (expected: at least one)");
    }
}
