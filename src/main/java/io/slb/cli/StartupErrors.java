package io.slb.cli;

import java.net.BindException;

/** StartupErrors turns a start-up failure into one line a person can act on. */
final class StartupErrors {
    private StartupErrors() {}

    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || t.getClass().getSimpleName().equals("ChannelBindException")) {
                return "cannot listen for the API: " + t.getMessage() + " (is another slb or program using --port?)";
            }
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
