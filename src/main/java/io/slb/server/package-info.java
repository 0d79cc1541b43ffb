/**
 * Assembly: {@link io.slb.server.SlbServer} opens the journal, builds the command processor, event
 * bus, reconciler, data plane and announcer from an {@link io.slb.server.SlbConfig}, and serves the
 * API; closing it stops them in reverse order.
 */
@NullMarked
package io.slb.server;

import org.jspecify.annotations.NullMarked;
