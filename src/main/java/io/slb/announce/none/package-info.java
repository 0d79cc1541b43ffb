/**
 * Announcers that put nothing on the network: {@link io.slb.announce.none.NoAnnouncer} when no
 * announcement was asked for, {@link io.slb.announce.none.LoggingAnnouncer} for
 * {@code --dataplane none} dry runs.
 */
@NullMarked
package io.slb.announce.none;

import org.jspecify.annotations.NullMarked;
