package io.slb.ipam;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * AddressPools is the ordered list of ranges slb may hand out. Allocation is deterministic: the
 * lowest free address of the first range that has one. Immutable and thread safe.
 */
public record AddressPools(List<AddressRange> ranges) {
    /** No pools: every allocation fails. */
    public static final AddressPools NONE = new AddressPools(List.of());

    public AddressPools {
        ranges = List.copyOf(ranges);
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = i + 1; j < ranges.size(); j++) {
                if (ranges.get(i).overlaps(ranges.get(j))) {
                    throw new IllegalArgumentException(
                            "ranges '" + ranges.get(i) + "' and '" + ranges.get(j) + "' overlap");
                }
            }
        }
    }

    /**
     * Parses {@code --ipamRange}: comma-separated ranges, CIDRs and addresses.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static AddressPools parse(String spec) {
        List<AddressRange> ranges = new ArrayList<>();
        // NB: the limit -1 keeps trailing empty parts, which split(",") would silently drop.
        for (String part : spec.split(",", -1)) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("empty range in '" + spec + "'");
            }
            ranges.add(AddressRange.parse(part));
        }
        return new AddressPools(ranges);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Returns true if some range holds {@code address}. */
    public boolean contains(InetAddress address) {
        return ranges.stream().anyMatch(r -> r.contains(address));
    }

    /**
     * Returns the lowest address not in {@code inUse}, searching the ranges in order, or empty when
     * every address is taken. Cost grows with the number of addresses in use, not with range size.
     */
    public Optional<InetAddress> lowestFree(Set<InetAddress> inUse) {
        for (AddressRange range : ranges) {
            int bytes = IpAddresses.byteLength(range.first());
            BigInteger last = IpAddresses.toBigInteger(range.last());
            BigInteger candidate = IpAddresses.toBigInteger(range.first());
            while (candidate.compareTo(last) <= 0) {
                InetAddress address = IpAddresses.fromBigInteger(candidate, bytes);
                if (!inUse.contains(address)) {
                    return Optional.of(address);
                }
                candidate = candidate.add(BigInteger.ONE);
            }
        }
        return Optional.empty();
    }

    /** Returns the total number of addresses in all ranges. */
    public BigInteger size() {
        return ranges.stream().map(AddressRange::size).reduce(BigInteger.ZERO, BigInteger::add);
    }

    @Override
    public String toString() {
        return String.join(",", ranges.stream().map(AddressRange::text).toList());
    }
}
