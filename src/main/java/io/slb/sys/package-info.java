/**
 * The few libc calls slb makes through JNR-FFI (sockets, interface indexes, errno), for the netlink
 * and AF_PACKET sockets. Nothing else in slb binds native code; everything above works on Java types.
 */
@NullMarked
package io.slb.sys;

import org.jspecify.annotations.NullMarked;
