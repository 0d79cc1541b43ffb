/**
 * Layer-2 announcement: {@link io.slb.announce.arp.ArpAnnouncer} puts each VIP on the adapter and tells
 * the neighbours with gratuitous ARP (IPv4) or an unsolicited neighbour advertisement (IPv6), sent as
 * raw Ethernet frames over an AF_PACKET socket. The packet records encode and decode without I/O.
 */
@NullMarked
package io.slb.announce.arp;

import org.jspecify.annotations.NullMarked;
