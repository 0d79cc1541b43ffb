/**
 * The pure core of slb: the model (load balancers, backends, status), the commands a client can
 * send, the events they produce, and the {@link io.slb.core.Decider} that turns one into the other.
 * Nothing here does I/O, reads a clock or takes a lock; time and identifiers arrive inside commands.
 */
@NullMarked
package io.slb.core;

import org.jspecify.annotations.NullMarked;
