package io.slb.dataplane.ipvs;

/**
 * IpvsOp is one change to the kernel's IPVS table, as {@link IpvsPlan#diff} plans it and
 * {@link IpvsClient#apply} performs it. Each names the service it touches.
 */
public sealed interface IpvsOp {
    /** Returns the key of the service this operation touches. */
    VirtualServiceKey serviceKey();

    /** AddService creates a service (IPVS_CMD_NEW_SERVICE). */
    record AddService(VirtualService service) implements IpvsOp {
        @Override
        public VirtualServiceKey serviceKey() {
            return service.key();
        }

        @Override
        public String toString() {
            return "add service " + service;
        }
    }

    /** EditService changes a service's scheduler, flags or persistence (IPVS_CMD_SET_SERVICE). */
    record EditService(VirtualService service) implements IpvsOp {
        @Override
        public VirtualServiceKey serviceKey() {
            return service.key();
        }

        @Override
        public String toString() {
            return "edit service " + service;
        }
    }

    /** DelService removes a service and its destinations (IPVS_CMD_DEL_SERVICE). */
    record DelService(VirtualServiceKey serviceKey) implements IpvsOp {
        @Override
        public String toString() {
            return "delete service " + serviceKey;
        }
    }

    /** AddDestination adds a real server to a service (IPVS_CMD_NEW_DEST). */
    record AddDestination(VirtualServiceKey serviceKey, Destination destination) implements IpvsOp {
        @Override
        public String toString() {
            return "add destination " + destination + " to " + serviceKey;
        }
    }

    /** EditDestination changes a real server's forwarding, weight or thresholds (IPVS_CMD_SET_DEST). */
    record EditDestination(VirtualServiceKey serviceKey, Destination destination) implements IpvsOp {
        @Override
        public String toString() {
            return "edit destination " + destination + " of " + serviceKey;
        }
    }

    /** DelDestination removes a real server from a service (IPVS_CMD_DEL_DEST). */
    record DelDestination(VirtualServiceKey serviceKey, Destination destination) implements IpvsOp {
        @Override
        public String toString() {
            return "delete destination " + destination.endpoint() + " from " + serviceKey;
        }
    }
}
