package io.slb.api.sse;

import io.slb.core.Event;
import io.slb.core.Recorded;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * ChangeFrames turns a recorded change into its SSE frame (id, event type, JSON data) once, however many
 * clients stream it: every open {@code /events} stream asks for the same positions at about the same
 * time, so the frames of the last {@value #SLOTS} positions are kept and shared (the bytes are never
 * written to, only wrapped). Thread safe and lock free: two clients racing for a position not yet
 * rendered may both render it, which costs time but never changes the bytes.
 */
public final class ChangeFrames {
    /** A power of two; a client more than this many positions behind the others renders for itself. */
    static final int SLOTS = 1024;

    private final Function<Recorded, String> eventJson;
    private final Function<Event, String> eventType;
    private final AtomicReferenceArray<Frame> slots = new AtomicReferenceArray<>(SLOTS);

    /** {@code eventJson} renders a change as the event's data, {@code eventType} names its SSE event type. */
    public ChangeFrames(Function<Recorded, String> eventJson, Function<Event, String> eventType) {
        this.eventJson = eventJson;
        this.eventType = eventType;
    }

    /** Returns the UTF-8 SSE frame of {@code recorded}; callers must not modify it. */
    public byte[] frame(Recorded recorded) {
        int slot = (int) (recorded.position() & (SLOTS - 1));
        Frame cached = slots.get(slot);
        if (cached != null && cached.position() == recorded.position()) {
            return cached.bytes();
        }
        byte[] bytes = SseEncoder.encode(SseEvent.of(Long.toString(recorded.position()),
                eventType.apply(recorded.event()), eventJson.apply(recorded))).getBytes(StandardCharsets.UTF_8);
        slots.set(slot, new Frame(recorded.position(), bytes));
        return bytes;
    }

    /** Frame is the rendered frame of one journal position. */
    private record Frame(long position, byte[] bytes) {}
}
