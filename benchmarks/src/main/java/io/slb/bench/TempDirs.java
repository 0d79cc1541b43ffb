package io.slb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * TempDirs makes and removes the scratch directories journals are written to. They live under
 * {@code java.io.tmpdir} (pass {@code -jvmArgsAppend -Djava.io.tmpdir=DIR} to measure another disk);
 * journal benchmarks fsync, so that must be a real disk, not tmpfs.
 */
final class TempDirs {
    private TempDirs() {}

    /** Creates a fresh directory named after {@code purpose}. */
    static Path create(String purpose) throws IOException {
        return Files.createTempDirectory("slb-bench-" + purpose + "-");
    }

    /** Deletes {@code dir} and everything below it; a missing dir is fine. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.delete(p);
        }
    }
}
