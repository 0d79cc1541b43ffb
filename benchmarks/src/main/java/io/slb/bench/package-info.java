/**
 * slb's JMH benchmarks of the hot paths (decide/evolve, journal append and replay, IPAM, API JSON,
 * SSE fan-out) and the small programs the macro benchmark scripts run (a load client and a journal
 * generator). Every benchmark drives the real classes of slb; sizes are {@code @Param}s so a smoke run
 * can pick small ones with {@code -p}.
 */
@NullMarked
package io.slb.bench;

import org.jspecify.annotations.NullMarked;
