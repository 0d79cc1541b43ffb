package io.slb.dataplane.ipvs;

import io.slb.core.LoadBalancer;
import io.slb.dataplane.Dataplane;
import io.slb.netlink.NetlinkErrnoException;
import io.slb.netlink.NetlinkException;
import io.slb.sys.Errno;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * IpvsDataplane serves load balancers with the kernel's IPVS. Each call is level-triggered: it
 * reads what the kernel holds for the load balancer's service, plans the difference with
 * {@link IpvsPlan} and applies only that, so it repairs drift (a hand-made {@code ipvsadm -C}) and
 * may be repeated after any failure. {@link #retainOnly} deletes only services whose virtual address
 * slb owns ({@code owned}, e.g. inside --ipamRange), leaving an administrator's own services alone.
 * Thread safe: every netlink call runs on the one single-thread scheduler of its socket. Failures
 * are {@link IpvsException}s naming the change and the kernel's errno.
 */
public final class IpvsDataplane implements Dataplane {
    private static final Logger LOG = LogManager.getLogger();

    private final IpvsClient client;
    private final Scheduler netlink;
    private final Predicate<InetAddress> owned;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Returns a data plane over {@code client}, whose calls all run on {@code netlink} (a
     * single-thread scheduler it then owns and disposes), deleting at most services whose address
     * {@code owned} accepts.
     */
    public IpvsDataplane(IpvsClient client, Scheduler netlink, Predicate<InetAddress> owned) {
        this.client = client;
        this.netlink = netlink;
        this.owned = owned;
    }

    @Override
    public String name() {
        return "ipvs";
    }

    @Override
    public Mono<Void> apply(LoadBalancer lb) {
        return onNetlink(() -> {
            ServiceState desired = LoadBalancerMapping.desired(lb);
            VirtualServiceKey key = desired.service().key();
            List<ServiceState> actual = read("read " + key, () -> client.state(key)).stream().toList();
            List<IpvsOp> ops = IpvsPlan.diff(List.of(desired), actual);
            for (IpvsOp op : ops) {
                perform(op);
                LOG.info("ipvs: load balancer {} ({}): {}", lb.name(), lb.uuid(), op);
            }
            if (ops.isEmpty()) {
                LOG.debug("ipvs: load balancer {} ({}): kernel already matches {}", lb.name(), lb.uuid(), key);
            }
        });
    }

    @Override
    public Mono<Void> remove(LoadBalancer lb) {
        return onNetlink(() -> {
            if (lb.eip() == null) {
                return;
            }
            IpvsOp op = new IpvsOp.DelService(LoadBalancerMapping.key(lb));
            try {
                client.apply(op);
                LOG.info("ipvs: load balancer {} ({}): {}", lb.name(), lb.uuid(), op);
            } catch (NetlinkErrnoException e) {
                if (!isKernel(e, Errno.ESRCH)) {
                    throw new IpvsException(op.toString(), e);
                }
                LOG.debug("ipvs: load balancer {} ({}): {} had nothing to do", lb.name(), lb.uuid(), op);
            } catch (NetlinkException e) {
                throw new IpvsException(op.toString(), e);
            }
        });
    }

    @Override
    public Mono<Void> retainOnly(Collection<LoadBalancer> desired) {
        return onNetlink(() -> {
            Set<VirtualServiceKey> keep = desired.stream().filter(lb -> lb.eip() != null)
                    .map(LoadBalancerMapping::key).collect(Collectors.toSet());
            List<IpvsOp> ops = new ArrayList<>();
            for (ServiceEntry entry : read("dump services", client::dumpServices)) {
                VirtualServiceKey key = entry.service().key();
                if (key instanceof VirtualServiceKey.Tuple t && owned.test(t.address()) && !keep.contains(key)) {
                    ops.add(new IpvsOp.DelService(key));
                }
            }
            try {
                client.applyAll(ops);
            } catch (NetlinkException e) {
                throw new IpvsException("delete " + ops.size() + " services slb no longer serves", e);
            }
            ops.forEach(op -> LOG.info("ipvs: {} (not among the {} load balancers)", op, desired.size()));
        });
    }

    /** Closes the socket after the calls already queued, then the scheduler; idempotent; the kernel keeps what was programmed. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        netlink.schedule(client::close);
        netlink.disposeGracefully().subscribe(null, e -> LOG.warn("ipvs: netlink scheduler did not stop cleanly", e));
    }

    private void perform(IpvsOp op) throws IpvsException {
        try {
            client.apply(op);
        } catch (NetlinkException e) {
            throw new IpvsException(op.toString(), e);
        }
    }

    private static <T> T read(String what, NetlinkCall<T> call) throws IpvsException {
        try {
            return call.call();
        } catch (NetlinkException e) {
            throw new IpvsException(what, e);
        }
    }

    private static boolean isKernel(NetlinkErrnoException e, int errno) {
        return e.source() == NetlinkErrnoException.Source.KERNEL && e.errno() == errno;
    }

    private Mono<Void> onNetlink(NetlinkWork work) {
        Callable<Void> task = () -> {
            work.run();
            return null;
        };
        return Mono.fromCallable(task).subscribeOn(netlink).then();
    }

    /** NetlinkCall is a read of the kernel's table. */
    @FunctionalInterface
    private interface NetlinkCall<T> {
        T call() throws NetlinkException;
    }

    /** NetlinkWork is a unit of work on the netlink thread. */
    @FunctionalInterface
    private interface NetlinkWork {
        void run() throws IpvsException;
    }
}
