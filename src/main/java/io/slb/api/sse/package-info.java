/**
 * The Server-Sent Events stream of state changes, {@code GET /events}: an {@link io.slb.api.sse.EventBus}
 * fed by the command processor after fsync, a pure {@link io.slb.api.sse.SseEncoder}, and the
 * {@link io.slb.api.sse.EventStreamRoute} that resumes from {@code Last-Event-ID}, sends heartbeats and
 * drops clients that cannot keep up, so that no client can slow the publisher or another client.
 */
@NullMarked
package io.slb.api.sse;

import org.jspecify.annotations.NullMarked;
