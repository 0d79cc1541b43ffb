package io.slb.ipam;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pcollections.TreePSet;

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
     * every address is taken. With {@code inUse} as {@link #sorted} returns it this costs O(log² n)
     * for n addresses in use (a binary search for the first gap, counting with the tree's subtree
     * sizes), whatever the size of the ranges; any other set is sorted first, O(n log n).
     */
    public Optional<InetAddress> lowestFree(Set<InetAddress> inUse) {
        TreePSet<InetAddress> used = sorted(inUse);
        for (AddressRange range : ranges) {
            TreePSet<InetAddress> taken = used.subSet(range.first(), true, range.last(), true);
            BigInteger first = IpAddresses.toBigInteger(range.first());
            int n = taken.size();
            if (range.size().equals(BigInteger.valueOf(n))) {
                continue;
            }
            int bytes = IpAddresses.byteLength(range.first());
            if (n == 0 || IpAddresses.toBigInteger(taken.last()).subtract(first).equals(BigInteger.valueOf(n - 1))) {
                // No hole (the usual case, as allocation is lowest first): the next one is free.
                return Optional.of(IpAddresses.fromBigInteger(first.add(BigInteger.valueOf(n)), bytes));
            }
            // The first m addresses of the range are all taken iff m of the taken ones lie below first + m;
            // that holds for m = 0 and, once false, stays false: find the largest such m (at most n < size).
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                InetAddress bound = IpAddresses.fromBigInteger(first.add(BigInteger.valueOf(mid)), bytes);
                if (taken.headSet(bound, false).size() == mid) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return Optional.of(IpAddresses.fromBigInteger(first.add(BigInteger.valueOf(lo)), bytes));
        }
        return Optional.empty();
    }

    /**
     * Returns {@code addresses} as a persistent set in {@link IpAddresses#ORDER}: itself when it already
     * is one, so callers can keep their in-use set in this form and update it in O(log n).
     */
    public static TreePSet<InetAddress> sorted(Set<InetAddress> addresses) {
        if (addresses instanceof TreePSet<InetAddress> tree && tree.comparator() == IpAddresses.ORDER) {
            return tree;
        }
        return TreePSet.from(IpAddresses.ORDER, addresses);
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
