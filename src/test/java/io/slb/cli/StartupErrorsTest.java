package io.slb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** Start-up failures become one actionable line. */
class StartupErrorsTest {
    @Test
    void permissionDeniedNamesTheFileAndTheFlag() {
        assertThat(StartupErrors.describe(new AccessDeniedException("/var/lib/slb/journal.lock")))
                .isEqualTo("permission denied: /var/lib/slb/journal.lock (can the user running slb write to --dataDir?)");
    }

    @Test
    void bindFailureFoundThroughTheCauseChain() {
        assertThat(StartupErrors.describe(new IllegalStateException("x", new BindException("Address already in use"))))
                .isEqualTo("cannot listen for the API: Address already in use (is another slb or program using --port?)");
    }

    @Test
    void otherFileSystemErrorsNameTheFile() {
        assertThat(StartupErrors.describe(new NoSuchFileException("/nope"))).isEqualTo("/nope: NoSuchFileException");
    }

    @Test
    void anythingElseIsItsMessage() {
        assertThat(StartupErrors.describe(new IOException("journal slb-data: locked by another process")))
                .isEqualTo("journal slb-data: locked by another process");
    }
}
