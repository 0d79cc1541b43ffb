/**
 * Address pools for local IPAM: ranges and CIDRs of IPv4 and IPv6 addresses parsed from
 * {@code --ipamRange}, and deterministic lowest-free allocation. Pure values; the set of addresses
 * in use is passed in by the caller (it is derived from the journal).
 */
@NullMarked
package io.slb.ipam;

import org.jspecify.annotations.NullMarked;
