package io.slb.api.sse;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * SseEncoder turns an {@link SseEvent} into the {@code text/event-stream} wire format of the WHATWG HTML
 * standard (section "Server-sent events"). It is pure and thread safe.
 */
public final class SseEncoder {
    /** A line ends at CRLF, CR or LF, as the event-stream grammar says. */
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private SseEncoder() {}

    /**
     * Encodes {@code e}: comment lines first, then {@code id:}, {@code event:} and one {@code data:} line per
     * line of data, ending with the blank line that dispatches the event.
     */
    public static String encode(SseEvent e) {
        StringBuilder out = new StringBuilder();
        if (e.comment() != null) {
            lines(out, ":", e.comment());
        }
        if (e.id() != null) {
            field(out, "id", e.id());
        }
        if (e.event() != null) {
            field(out, "event", e.event());
        }
        if (e.data() != null) {
            lines(out, "data:", e.data());
        }
        return out.append('\n').toString();
    }

    /** Returns the {@code retry:} line telling clients how long to wait before reconnecting. */
    static String retry(Duration reconnectDelay) {
        return "retry: " + reconnectDelay.toMillis() + "\n";
    }

    private static void lines(StringBuilder out, String prefix, String text) {
        for (String line : LINE_BREAK.split(text, -1)) {
            out.append(prefix);
            if (!line.isEmpty()) {
                out.append(' ').append(line);
            }
            out.append('\n');
        }
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name).append(": ").append(value).append('\n');
    }
}
