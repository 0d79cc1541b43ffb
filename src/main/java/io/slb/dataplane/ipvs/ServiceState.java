package io.slb.dataplane.ipvs;

import java.util.List;

/** ServiceState is a service with its destinations: a whole IPVS virtual server, desired or observed. */
public record ServiceState(VirtualService service, List<Destination> destinations) {
    public ServiceState {
        destinations = List.copyOf(destinations);
    }
}
