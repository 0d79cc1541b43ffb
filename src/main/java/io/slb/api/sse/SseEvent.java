package io.slb.api.sse;

import org.jspecify.annotations.Nullable;

/**
 * SseEvent is one Server-Sent Events frame: any of an id, an event type, data (may span lines) and a
 * comment (may span lines), at least one of them present.
 *
 * @throws IllegalArgumentException from the constructor if all fields are null, or if {@code id} or
 *     {@code event} contains CR, LF or NUL (they would end the field early or be ignored by browsers)
 */
public record SseEvent(@Nullable String id, @Nullable String event, @Nullable String data, @Nullable String comment) {
    public SseEvent {
        if (id == null && event == null && data == null && comment == null) {
            throw new IllegalArgumentException("SseEvent: all fields null (expected: at least one)");
        }
        requireSingleLine("id", id);
        requireSingleLine("event", event);
    }

    /** Returns an event with an id, a type and data. */
    public static SseEvent of(String id, String event, String data) {
        return new SseEvent(id, event, data, null);
    }

    /** Returns an event with a type and data but no id (the client keeps its last event id). */
    public static SseEvent typed(String event, String data) {
        return new SseEvent(null, event, data, null);
    }

    /** Returns a comment, which clients ignore; used for heartbeats. */
    public static SseEvent comment(String comment) {
        return new SseEvent(null, null, null, comment);
    }

    private static void requireSingleLine(String field, @Nullable String value) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException(
                    field + ": \"" + value.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0")
                            + "\" (expected: no CR, LF or NUL)");
        }
    }
}
