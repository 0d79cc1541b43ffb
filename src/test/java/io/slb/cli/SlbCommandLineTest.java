package io.slb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import picocli.CommandLine;
import java.util.stream.Stream;

/** The command line: the seed's flags, help on every command, and clear refusals. */
class SlbCommandLineTest {
    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Slb.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void serverHelpListsTheSeedFlagsWithTheirDefaults() {
        Run r = run("server", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--adapter", "--port", "--arp", "--bgp", "--ipamRange", "--equinixMetal", "--project",
                "--facility", "--address", "--dataDir", "--apiToken", "--dataplane", "default: 10001");
    }

    @Test
    void everyCommandHasHelp() {
        assertThat(run("--help").out()).contains("server", "version");
        assertThat(run("version", "--help").exit()).isZero();
    }

    @Test
    void versionPrintsTheVersion() {
        Run r = run("version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("slb ");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refused("arp with bgp", "--arp and --bgp cannot be used together", "--arp", "--bgp", "--adapter", "eth0"),
                refused("arp without adapter", "--arp needs --adapter", "--arp", "--ipamRange", "10.0.0.1-10.0.0.5"),
                refused("bad range", "--ipamRange: range '10.0.0.9-10.0.0.1' ends before it starts", "--ipamRange", "10.0.0.9-10.0.0.1"),
                refused("hostname range", "--ipamRange: 'example.com' is not an IP address", "--ipamRange", "example.com"),
                refused("port out of range", "--port: 70000 (expected: 0..65535)", "--port", "70000"),
                refused("unknown dataplane", "--dataplane", "--dataplane", "fast"),
                refused("bad duration", "'soon' is not a duration", "--resyncInterval", "soon"),
                refused("arp count zero", "--arpCount/--arpInterval/--arpRefresh: count: 0 (expected: 1..100)", "--arpCount", "0"),
                refused("arp refresh too short", "refresh: PT0.5S (expected: 0s (off) or >= PT1S)", "--arpRefresh", "500ms"),
                refused("unknown flag", "Unknown option", "--nope"));
    }

    private static Arguments refused(String name, String message, String... args) {
        return Arguments.of(Named.of(name, args), message);
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void badFlagsAreRefusedWithAClearMessage(String[] args, String message) {
        String[] full = new String[args.length + 1];
        full[0] = "server";
        System.arraycopy(args, 0, full, 1, args.length);
        Run r = run(full);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(message);
    }
}
