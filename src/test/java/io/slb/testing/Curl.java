package io.slb.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Curl runs the real curl binary, as a user of slb would, and returns its status code and body.
 * Arguments are passed as given; {@code -s -w} is appended to read the status.
 */
public final class Curl {
    private static final String MARK = "\n--slb-http-status:";

    private Curl() {}

    /** Result is the HTTP status and the response body. */
    public record Result(int status, String body) {}

    public static Result run(String... args) {
        return run(List.of(), args);
    }

    /** Runs curl inside {@code ns} ({@code ip netns exec}), where 127.0.0.1 is that namespace's loopback. */
    public static Result runIn(NetworkNamespace ns, String... args) {
        return run(List.of("ip", "netns", "exec", ns.name()), args);
    }

    private static Result run(List<String> prefix, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("curl", "-s", "--max-time", "10"));
        command.addAll(List.of(args));
        command.addAll(List.of("-w", MARK + "%{http_code}"));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("curl did not finish: " + command);
            }
            int at = out.lastIndexOf(MARK);
            if (at < 0) {
                throw new AssertionError("curl printed no status: " + out);
            }
            return new Result(Integer.parseInt(out.substring(at + MARK.length()).trim()), out.substring(0, at));
        } catch (IOException e) {
            throw new AssertionError("cannot run curl (is it installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
