/**
 * The JSON layer of slb's REST API: request parsing and field validation ({@link io.slb.api.RequestParser}),
 * rendering of load balancers, backends, SSE events and values ({@link io.slb.api.ApiJson}), and RFC 9457
 * problem details for every error ({@link io.slb.api.Problems}). Everything here is a pure function over
 * bytes and strings; the HTTP routes that call it live with the server.
 */
@NullMarked
package io.slb.api;

import org.jspecify.annotations.NullMarked;
