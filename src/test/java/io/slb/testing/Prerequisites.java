package io.slb.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Prerequisites checks what a test needs from the machine. When it is missing, the test is skipped
 * with the reason on a developer's machine, and fails when {@code CI=true}, so CI can never pass by
 * skipping.
 */
public final class Prerequisites {
    private Prerequisites() {}

    /** Requires running as root (network namespaces, raw sockets). */
    public static void requireRoot() {
        require("root".equals(System.getProperty("user.name")), "needs root (network namespaces)");
    }

    /** Requires an executable on the PATH. */
    public static void requireCommand(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        boolean found = false;
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                found = true;
                break;
            }
        }
        require(found, "needs '" + name + "' on the PATH");
    }

    /**
     * Requires a file in {@code dir} whose name matches {@code glob} (for example a kernel image) and
     * returns the last one in name order.
     */
    public static Path requireFile(Path dir, String glob, String reason) {
        Path found = null;
        if (Files.isDirectory(dir)) {
            try (var files = Files.newDirectoryStream(dir, glob)) {
                for (Path file : files) {
                    if (found == null || file.getFileName().toString().compareTo(found.getFileName().toString()) > 0) {
                        found = file;
                    }
                }
            } catch (java.io.IOException e) {
                throw new AssertionError("cannot list " + dir, e);
            }
        }
        require(found != null, reason);
        return found;
    }

    /** Requires the shaded jar, which the ITs run as a separate process. */
    public static Path slbJar() {
        String jar = System.getProperty("slb.jar", "");
        require(!jar.isEmpty() && Files.isRegularFile(Path.of(jar)), "needs the shaded jar (run through mvn verify): " + jar);
        return Path.of(jar);
    }

    private static void require(boolean met, String reason) {
        if (met) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("prerequisite missing in CI: " + reason);
        }
        Assumptions.assumeTrue(false, "skipped: " + reason);
    }
}
