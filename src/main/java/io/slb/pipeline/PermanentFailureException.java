package io.slb.pipeline;

/**
 * PermanentFailureException is a stage failure that retrying cannot fix (an API refusing the
 * credentials, the project, or asking for approval): the reconciler reports it as the load
 * balancer's failed status at once, keeps the message as the status error, and tries again only at
 * the next resync.
 */
public final class PermanentFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PermanentFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
