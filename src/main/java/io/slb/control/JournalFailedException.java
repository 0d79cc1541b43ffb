package io.slb.control;

/**
 * JournalFailedException says the journal could not be written or synced. The processor stops
 * accepting commands from then on (fail-stop: a half-written journal must not be extended), so
 * every later command fails the same way until slb is restarted and the journal recovered.
 */
public final class JournalFailedException extends RuntimeException {
    public JournalFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
