package io.slb.api.sse;

import io.slb.core.Recorded;

/** BusItem is what an {@link EventBus} subscriber receives: a change, or a gap that calls for a resync. */
public sealed interface BusItem {
    /** Change is one recorded state change; its position is the SSE event id. */
    record Change(Recorded recorded) implements BusItem {}

    /**
     * Gap says the bus cannot prove that nothing was missed after {@code lastSeen}: the events after it
     * are no longer retained (the oldest retained position is {@code oldestRetained}), or {@code lastSeen}
     * is beyond the journal. The subscriber should refetch the full state.
     */
    record Gap(long lastSeen, long oldestRetained) implements BusItem {}
}
