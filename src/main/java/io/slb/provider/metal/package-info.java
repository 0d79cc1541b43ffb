/**
 * The Equinix Metal provider: a Reactor Netty client for the Metal API (Elastic IP reservations,
 * devices, BGP neighbours) with timeouts and retries, an address provider that takes each VIP from
 * an IP reservation tagged with its load balancer's uuid, and BGP neighbour discovery for this
 * device. Equinix Metal was shut down on 2026-06-30; the base URL is configurable.
 */
@NullMarked
package io.slb.provider.metal;

import org.jspecify.annotations.NullMarked;
