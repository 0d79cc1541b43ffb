/**
 * The single writer: {@link io.slb.control.CommandProcessor} takes commands from a bounded queue,
 * decides them against the current state, appends the events to the journal with one fsync per
 * batch (group commit), and only then answers callers and tells listeners (SSE, reconciler).
 */
@NullMarked
package io.slb.control;

import org.jspecify.annotations.NullMarked;
