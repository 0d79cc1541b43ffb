package io.slb.control;

import io.slb.core.Recorded;
import io.slb.core.Rejection;
import io.slb.core.SlbState;
import java.util.List;

/** Outcome is the answer to one submitted command, given after its events are durable. */
public sealed interface Outcome {
    /** Applied: the command's events (possibly none) are in the journal; {@code state} includes them. */
    record Applied(List<Recorded> events, SlbState state) implements Outcome {
        public Applied {
            events = List.copyOf(events);
        }
    }

    /** Refused: the decider rejected the command; nothing changed. */
    record Refused(Rejection rejection) implements Outcome {}
}
