package io.slb.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.slb.testing.JunitXmlReports.Outcome;
import io.slb.testing.JunitXmlReports.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * KernelVmIT boots Debian's kernel under qemu once and runs every test tagged {@link KernelVm#TAG}
 * inside it (the host kernel has no IPVS), then fails here if any of them failed, naming each with
 * its message. Without qemu, the kernel image or busybox it skips on a laptop and fails in CI.
 */
class KernelVmIT {
    /** Bounds the whole boot-run-poweroff cycle; TCG on two shared cores is slow, a run is a few minutes. */
    private static final Duration VM_TIMEOUT = Duration.ofMinutes(20);
    /** Lines of the guest's console shown when the run left no reports. */
    private static final int CONSOLE_TAIL_LINES = 60;

    @Test
    void kernelTaggedTestsPassInsideTheGuestKernel() throws Exception {
        Prerequisites.requireCommand("qemu-system-x86_64");
        Prerequisites.requireCommand("busybox");
        Prerequisites.requireFile(Path.of("/boot"), "vmlinuz-*-amd64", "needs Debian's kernel (apt-get install linux-image-amd64)");
        Path classpath = Path.of(System.getProperty("slb.vm.classpath", "target/test-classpath.txt"));
        assertThat(classpath).as("test class path written by maven-dependency-plugin").isRegularFile();

        Path work = Path.of("target", "vm").toAbsolutePath();
        Files.createDirectories(work);
        Path log = work.resolve("run.log");
        Path reports = work.resolve("junit");
        deleteReports(reports);
        int exit = runInVm(work, log);

        assertThat(reports).as("no JUnit reports from the guest (run-in-vm exit %d); log tail:%n%s", exit, tail(log))
                .isDirectory();
        List<Outcome> outcomes = JunitXmlReports.read(reports);
        List<Outcome> failed = outcomes.stream().filter(o -> o.verdict() == Verdict.FAILED).toList();
        outcomes.stream().filter(o -> o.verdict() == Verdict.SKIPPED).forEach(o -> System.out.println("kernel-vm " + o));
        System.out.printf("kernel-vm: %d tests in the guest, %d failed, run-in-vm exit %d%n", outcomes.size(), failed.size(), exit);
        assertThat(failed).as("kernel-vm tests failed inside the guest (console: %s)", log).isEmpty();
        assertThat(outcomes).as("kernel-vm tests found in the guest").isNotEmpty();
        assertThat(exit).as("run-in-vm exit code; log tail:%n%s", tail(log)).isZero();
    }

    private static int runInVm(Path work, Path log) throws IOException, InterruptedException {
        Process vm = new ProcessBuilder("bash", "src/test/vm/run-in-vm.sh",
                "--timeout", Long.toString(VM_TIMEOUT.toSeconds()), "--work", work.toString(),
                "--", "sh", "src/test/vm/kernel-tests.sh")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // run-in-vm.sh enforces VM_TIMEOUT itself; this is the backstop should the script hang.
        if (!vm.waitFor(VM_TIMEOUT.plusMinutes(1).toSeconds(), TimeUnit.SECONDS)) {
            vm.destroyForcibly();
            throw new AssertionError("run-in-vm.sh did not finish within " + VM_TIMEOUT.plusMinutes(1) + "; log: " + log);
        }
        return vm.exitValue();
    }

    /** Deletes the reports of an earlier run, so a guest that never ran its tests cannot pass on stale ones. */
    private static void deleteReports(Path reports) throws IOException {
        if (Files.isDirectory(reports)) {
            try (var files = Files.list(reports)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(reports);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - CONSOLE_TAIL_LINES), lines.size()));
    }
}
