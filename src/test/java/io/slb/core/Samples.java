package io.slb.core;

import io.slb.ipam.IpAddresses;
import java.net.InetAddress;
import java.time.Instant;
import java.util.UUID;

/**
 * Samples builds the commands, events and values the core tests use. Load balancer {@code n} has
 * uuid {@code lbId(n)} and name {@code lb-n}; every command and event happens at {@link #AT}.
 */
final class Samples {
    static final Instant AT = Instant.parse("2024-05-01T12:00:00Z");
    static final int LB_PORT = 80;

    private static final long LB_UUID_HIGH = 0x1b;
    private static final long BACKEND_UUID_HIGH = 0xbe;

    private Samples() {}

    static UUID lbId(int n) {
        return new UUID(LB_UUID_HIGH, n);
    }

    static UUID backendId(int n) {
        return new UUID(BACKEND_UUID_HIGH, n);
    }

    static InetAddress ip(String literal) {
        return IpAddresses.parse(literal);
    }

    static Backend backend(int n, String ip, int port) {
        return new Backend(backendId(n), ip(ip), port, Backend.DEFAULT_WEIGHT, ForwardMethod.MASQ);
    }

    static Command.CreateLoadBalancer create(int n) {
        return new Command.CreateLoadBalancer(lbId(n), "lb-" + n, LB_PORT, Protocol.TCP, Schedulers.DEFAULT, null, AT);
    }

    static Command.CreateLoadBalancer createWanting(int n, String eip) {
        return new Command.CreateLoadBalancer(lbId(n), "lb-" + n, LB_PORT, Protocol.TCP, Schedulers.DEFAULT, ip(eip), AT);
    }

    static Command.DeleteLoadBalancer delete(int n) {
        return new Command.DeleteLoadBalancer(lbId(n), AT);
    }

    static Command.AddBackend addBackend(int n, Backend backend) {
        return new Command.AddBackend(lbId(n), backend, AT);
    }

    static Command.RemoveBackend removeBackend(int n, int backend) {
        return new Command.RemoveBackend(lbId(n), backendId(backend), AT);
    }

    static Command.ReportStatus report(int n, Status status) {
        return new Command.ReportStatus(lbId(n), status, AT);
    }

    static Event.LoadBalancerCreated created(int n) {
        return new Event.LoadBalancerCreated(lbId(n), "lb-" + n, LB_PORT, Protocol.TCP, Schedulers.DEFAULT, AT);
    }

    static Event.AddressAssigned assigned(int n, String eip) {
        return new Event.AddressAssigned(lbId(n), ip(eip), Decider.IPAM_SOURCE, null, AT);
    }

    /** The external provider the external-mode tests use, and its reservation id for load balancer n. */
    static final String PROVIDER = "metal";

    static String ref(int n) {
        return "reservation-" + n;
    }

    static Command.AssignAddress assign(int n, String eip) {
        return new Command.AssignAddress(lbId(n), ip(eip), PROVIDER, ref(n), AT);
    }

    static Command.ConfirmRelease confirmRelease(int n) {
        return new Command.ConfirmRelease(lbId(n), AT);
    }

    static Event.AddressAssigned granted(int n, String eip) {
        return new Event.AddressAssigned(lbId(n), ip(eip), PROVIDER, ref(n), AT);
    }

    static Event.AddressReleased released(int n) {
        return new Event.AddressReleased(lbId(n), AT);
    }

    static Event.LoadBalancerDeleted deleted(int n) {
        return new Event.LoadBalancerDeleted(lbId(n), AT);
    }

    static Event.BackendAdded backendAdded(int n, Backend backend) {
        return new Event.BackendAdded(lbId(n), backend, AT);
    }

    static Event.BackendRemoved backendRemoved(int n, int backend) {
        return new Event.BackendRemoved(lbId(n), backendId(backend), AT);
    }

    static Event.StatusChanged statusChanged(int n, Status status) {
        return new Event.StatusChanged(lbId(n), status, AT);
    }

    /** Returns the two events that create load balancer {@code n} holding {@code eip}. */
    static Event[] existing(int n, String eip) {
        return new Event[] {created(n), assigned(n, eip)};
    }
}
