package io.slb.testing;

import io.slb.sys.Syscalls;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * NetworkNamespace is a fresh network namespace for one test: created with {@code ip netns add} under
 * a unique name, with its loopback up, and deleted (with everything in it) on close. {@link #enter}
 * runs code on a thread moved into the namespace with setns(2), so sockets it opens (netlink, raw)
 * act inside the namespace for their whole life while the JVM's other threads stay outside. Needs root.
 */
public final class NetworkNamespace implements AutoCloseable {
    // include/uapi/linux/sched.h and asm-generic/fcntl.h.
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final long ENTER_TIMEOUT_SECONDS = 30;

    private final String name;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** Creates {@code prefix-<pid>-<random>} with {@code lo} up. */
    public static NetworkNamespace create(String prefix) {
        String name = prefix + "-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
        Shell.check("ip", "netns", "add", name);
        NetworkNamespace ns = new NetworkNamespace(name);
        ns.ip("link", "set", "lo", "up");
        return ns;
    }

    public String name() {
        return name;
    }

    /** Runs {@code ip -n NAME args...} and returns its output; fails the test if it exits non-zero. */
    public String ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", name));
        command.addAll(List.of(args));
        return Shell.check(command.toArray(String[]::new));
    }

    /** Runs {@code action} on a new thread inside this namespace and returns its result (bounded wait). */
    public <T> T enter(Callable<T> action) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                setns();
                result.set(action.call());
            } catch (Exception e) {
                failure.set(e);
            }
        }, "netns-" + name);
        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(ENTER_TIMEOUT_SECONDS));
        if (thread.isAlive()) {
            throw new AssertionError("still running in " + name + " after " + ENTER_TIMEOUT_SECONDS + " s");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    private void setns() {
        Syscalls sys = Syscalls.load();
        int fd = sys.libc().open("/var/run/netns/" + name, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            throw new IllegalStateException("open /var/run/netns/" + name + ": " + sys.describe(sys.errno()));
        }
        try {
            if (sys.libc().setns(fd, CLONE_NEWNET) < 0) {
                throw new IllegalStateException("setns " + name + ": " + sys.describe(sys.errno()));
            }
        } finally {
            sys.libc().close(fd);
        }
    }

    /** Deletes the namespace. */
    @Override
    public void close() {
        Shell.run("ip", "netns", "delete", name);
    }
}
