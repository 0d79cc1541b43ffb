package io.slb.api.sse;

/**
 * SlowConsumerException terminates one {@link EventBus} subscriber whose buffer overflowed because it
 * did not request events as fast as they were published. Other subscribers and the publisher are unaffected.
 */
public final class SlowConsumerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long position;

    SlowConsumerException(int capacity, long position) {
        super("subscriber buffer full at position " + position + ": " + capacity
                + " events (expected: a subscriber that keeps up)");
        this.position = position;
    }

    /** Returns the position of the first event this subscriber could not buffer. */
    public long position() {
        return position;
    }
}
