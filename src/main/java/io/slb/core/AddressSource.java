package io.slb.core;

import io.slb.ipam.AddressPools;

/**
 * AddressSource says where the {@link Decider} gets virtual IPs: from local pools
 * ({@code --ipamRange}), handed out when a load balancer is created, or from an external provider
 * (such as Equinix Metal) that grants them later, asynchronously, through
 * {@link Command.AssignAddress}. Immutable.
 */
public sealed interface AddressSource {
    /** Returns the {@code source} recorded in {@link Event.AddressAssigned} for addresses from here. */
    String name();

    /** Returns a source handing out addresses from {@code pools} at create time. */
    static AddressSource local(AddressPools pools) {
        return new Local(pools);
    }

    /**
     * Returns a source whose provider {@code name} chooses addresses after create; {@code flag} is
     * the command-line flag that selected it, for messages ({@code --equinixMetal}).
     */
    static AddressSource external(String name, String flag) {
        return new External(name, flag);
    }

    /** Local hands out addresses from {@code --ipamRange} when a load balancer is created. */
    record Local(AddressPools pools) implements AddressSource {
        @Override
        public String name() {
            return Decider.IPAM_SOURCE;
        }
    }

    /**
     * External gets addresses from provider {@code name}: a create records no address, the
     * provider's grant arrives as {@link Command.AssignAddress}, and deleting a load balancer
     * records a {@link PendingRelease} until the provider confirms it gave the address back.
     */
    record External(String name, String flag) implements AddressSource {}
}
