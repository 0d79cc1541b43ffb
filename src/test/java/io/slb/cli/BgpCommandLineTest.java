package io.slb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The {@code --bgp*} flags of {@code slb server}: listed in help, and bad values refused before anything starts. */
class BgpCommandLineTest {
    private static final String[] GOOD = {"--bgp", "--bgpRouterId", "10.99.0.1", "--bgpPeer", "10.99.0.2:65530"};

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Slb.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void serverHelpListsTheBgpFlags() {
        String[] r = run("server", "--help");
        assertThat(r[1]).contains("--bgpApi", "--bgpAs", "--bgpRouterId", "--bgpListenPort", "--bgpPeer", "--bgpNextHop",
                "--gobgpd", "default: 127.0.0.1:50051");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refused("no router id", "--bgpRouterId: missing", "--bgp"),
                refused("IPv6 router id", "--bgpRouterId: 'fd00::1' (expected: an IPv4 address)", "--bgp", "--bgpRouterId", "fd00::1"),
                refused("AS out of range", "--bgpAs: 4294967296 (expected: 1..4294967295)", concat("--bgpAs", "4294967296")),
                refused("AS not a number", "--bgpAs: 'private'", concat("--bgpAs", "private")),
                refused("peer without AS", "--bgpPeer: '10.0.0.9' has no AS", concat("--bgpPeer", "10.0.0.9")),
                refused("peer by name", "--bgpPeer address: 'router'", concat("--bgpPeer", "router:65001")),
                refused("peer flag typo", "(expected: multihop)", concat("--bgpPeer", "10.0.0.9:65001:pw:multi")),
                refused("bad api", "--bgpApi: 'gobgpd'", concat("--bgpApi", "gobgpd")),
                refused("listen port", "--bgpListenPort: 0 (expected: 1..65535, or -1 for none)", concat("--bgpListenPort", "0")),
                refused("peer without --bgp", "need --bgp", "--bgpPeer", "10.0.0.9:65001"),
                refused("IPv6 pool without IPv6 next hop", "--bgpNextHop: none for IPv6 but --ipamRange has 2001:db8::10-2001:db8::20",
                        concat("--ipamRange", "2001:db8::10-2001:db8::20")));
    }

    private static String[] concat(String... more) {
        return Stream.concat(Stream.of(GOOD), Stream.of(more)).toArray(String[]::new);
    }

    private static Arguments refused(String name, String message, String... args) {
        return Arguments.of(Named.of(name, args), message);
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void badBgpFlagsAreRefusedWithAClearMessage(String[] args, String message) {
        String[] full = Stream.concat(Stream.of("server", "--dataDir", "target/never-created"), Stream.of(args)).toArray(String[]::new);
        String[] r = run(full);
        assertThat(r[0]).as(r[2]).isEqualTo("2");
        assertThat(r[2]).contains(message);
    }
}
