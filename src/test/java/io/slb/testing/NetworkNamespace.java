package io.slb.testing;

import io.slb.sys.Syscalls;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * NetworkNamespace is a named network namespace ({@code ip netns add}) that a test owns and deletes in
 * {@link #close}. {@link #call} runs code on a fresh thread that has entered the namespace with
 * {@code setns(2)}: netlink and AF_PACKET sockets opened there belong to the namespace for their whole
 * life, whichever thread uses them later. Needs root ({@link Prerequisites#requireRoot()}).
 */
public final class NetworkNamespace implements AutoCloseable {
    /** {@code O_RDONLY | O_CLOEXEC} from {@code asm-generic/fcntl.h} (O_CLOEXEC = 02000000). */
    private static final int OPEN_FLAGS = 0x80000;
    /** {@code CLONE_NEWNET} from {@code linux/sched.h}. */
    private static final int CLONE_NEWNET = 0x40000000;
    private static final long CALL_TIMEOUT_SECONDS = 30;

    private final String name;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** Creates {@code <prefix>-<random>}, with its loopback up. */
    public static NetworkNamespace create(String prefix) {
        String name = prefix + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
        Shell.check("ip", "netns", "add", name);
        NetworkNamespace ns = new NetworkNamespace(name);
        ns.exec("ip", "link", "set", "lo", "up");
        return ns;
    }

    /** Returns a handle on the namespace {@code name} that someone else made; {@link #close} deletes it all the same. */
    public static NetworkNamespace existing(String name) {
        return new NetworkNamespace(name);
    }

    public String name() {
        return name;
    }

    /** Runs {@code command} inside the namespace ({@code ip netns exec}) and fails unless it exits 0. */
    public String exec(String... command) {
        String[] full = new String[command.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = name;
        System.arraycopy(command, 0, full, 4, command.length);
        return Shell.check(full);
    }

    /** Runs {@code ip -n NAME args...} and returns its output; fails the test if it exits non-zero. */
    public String ip(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "ip";
        full[1] = "-n";
        full[2] = name;
        System.arraycopy(args, 0, full, 3, args.length);
        return Shell.check(full);
    }

    /** Like {@link #call(Syscalls, Callable)} with a freshly loaded libc. */
    public <T> T enter(Callable<T> body) throws Exception {
        return call(Syscalls.load(), body);
    }

    /**
     * Calls {@code body} on a new thread that first enters this namespace; rethrows what it throws.
     * The thread ends afterwards, so no pooled thread is ever left in the namespace.
     */
    public <T> T call(Syscalls sys, Callable<T> body) throws Exception {
        FutureTask<T> task = new FutureTask<>(() -> {
            setns(sys);
            return body.call();
        });
        Thread thread = new Thread(task, "netns-" + name);
        thread.start();
        try {
            return task.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            thread.interrupt();
            throw e;
        }
    }

    private void setns(Syscalls sys) {
        String path = "/run/netns/" + name;
        int fd = sys.libc().open(path, OPEN_FLAGS);
        if (fd < 0) {
            throw new IllegalStateException("open " + path + ": " + sys.describe(sys.errno()));
        }
        try {
            if (sys.libc().setns(fd, CLONE_NEWNET) != 0) {
                throw new IllegalStateException("setns " + path + ": " + sys.describe(sys.errno()));
            }
        } finally {
            sys.libc().close(fd);
        }
    }

    @Override
    public void close() {
        Shell.run("ip", "netns", "del", name);
    }
}
