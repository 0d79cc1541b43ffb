package io.slb.core;

/**
 * Recorded is an event with its journal position: positions start at 1, grow by one per event and
 * are never reused, so a position is a stable id (the SSE event id).
 */
public record Recorded(long position, Event event) {}
