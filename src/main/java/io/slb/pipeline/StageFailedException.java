package io.slb.pipeline;

/** StageFailedException carries the name of the stage that failed after its retries, and why. */
final class StageFailedException extends RuntimeException {
    private final String stage;

    StageFailedException(String stage, Throwable cause) {
        super(stage + ": " + describe(cause), cause);
        this.stage = stage;
    }

    String stage() {
        return stage;
    }

    /** Returns the message of a cause, or its class name when it has none (e.g. a timeout). */
    static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
