package io.slb.cli;

import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/** StartupErrors turns a start-up failure into one line a person can act on. */
final class StartupErrors {
    private StartupErrors() {}

    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || t.getClass().getSimpleName().equals("ChannelBindException")) {
                return "cannot listen for the API: " + t.getMessage() + " (is another slb or program using --port?)";
            }
            if (t instanceof AccessDeniedException denied) {
                return "permission denied: " + denied.getFile() + " (can the user running slb write to --dataDir?)";
            }
            if (t instanceof FileSystemException fs) {
                String reason = fs.getReason();
                return fs.getFile() + ": " + (reason == null ? fs.getClass().getSimpleName() : reason);
            }
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
