package io.slb.api.sse;

/**
 * LiveEvent is a notice that is not a journalled state change, such as a BGP peer going up, merged into
 * every {@code /events} stream while it is open. It is sent without an {@code id:} line, so it never
 * moves a client's {@code Last-Event-ID} and a resumed stream does not replay it: live events are
 * best effort, and the resource they describe (for example {@code GET /bgp/peers}) gives the current state.
 *
 * @param type the SSE event type, a single line
 * @param data the event's data, usually one JSON document
 * @throws IllegalArgumentException from the constructor if {@code type} contains CR, LF or NUL
 */
public record LiveEvent(String type, String data) {
    public LiveEvent {
        SseEvent.typed(type, data); // NB: for its checks only; the same rules as any event type
    }

    /** Returns the wire form: {@code event:} and {@code data:} lines, no {@code id:}. */
    String encode() {
        return SseEncoder.encode(SseEvent.typed(type, data));
    }
}
