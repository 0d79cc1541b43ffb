package io.slb.core;

import java.util.List;

/** Decision is what {@link Decider#decide} returns: the events to record, or why not. */
public sealed interface Decision {
    /** Accepted carries the events to append, in order; empty means "nothing changes". */
    record Accepted(List<Event> events) implements Decision {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    record Rejected(Rejection rejection) implements Decision {}
}
