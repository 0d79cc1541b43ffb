/**
 * The journal: slb's durable source of truth. {@link io.slb.journal.Journal} appends events to
 * CRC32C-framed segment files with group commit, writes snapshots so restarts stay fast, and on open
 * rebuilds the state, cutting a torn or corrupt tail with a warning instead of refusing to start.
 * The file format is described on {@link io.slb.journal.Journal}.
 */
@NullMarked
package io.slb.journal;

import org.jspecify.annotations.NullMarked;
