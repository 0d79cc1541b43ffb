package io.slb.api.sse;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.slb.core.Event;
import io.slb.core.Recorded;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * EventStreamRoute serves {@code GET /events}: every state change as one {@code text/event-stream} event
 * whose id is its journal position, resumable after a reconnect through the {@code Last-Event-ID} header
 * (or the {@code lastEventId} query parameter for clients that cannot set headers), with heartbeat comments.
 *
 * <p>At most {@link SseOptions#maxClients()} clients are served at once (503 with {@code Retry-After}
 * beyond). A client that does not read fast enough overflows its bus buffer and is dropped: it gets a
 * final {@code dropped} event if its socket still accepts one, then the connection is closed.
 *
 * <p>{@link LiveEvent}s (notices that are not in the journal) are merged into every open stream without
 * an id, so they do not disturb resuming; a client that is not reading when one is published misses it.
 *
 * <p>Thread safety: {@link #handle} may be called concurrently from any event loop.
 */
public final class EventStreamRoute {
    private static final Logger LOG = LogManager.getLogger();

    static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";
    static final String LAST_EVENT_ID_PARAM = "lastEventId";
    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";
    static final String PROBLEM_JSON = "application/problem+json";

    /** How long clients wait before reconnecting; browsers default to about 3 s, we prefer a quicker resume. */
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);
    /** How long a dropped client's socket may take to accept the final event before the connection closes. */
    private static final Duration DROP_GRACE = Duration.ofSeconds(1);
    /** Seconds a client refused for lack of slots should wait; slots free up as soon as any client leaves. */
    private static final String RETRY_AFTER_SECONDS = "5";
    /** Bounds how much of a malformed header is echoed back in a problem detail. */
    private static final int MAX_ECHOED_CHARS = 64;
    /** A position is a non-negative long: at most 19 decimal digits, overflow checked by parsing. */
    private static final Pattern POSITION = Pattern.compile("[0-9]{1,19}");

    private static final byte[] OPENING = utf8(
            SseEncoder.retry(RECONNECT_DELAY) + SseEncoder.encode(SseEvent.comment("stream open")));
    private static final byte[] HEARTBEAT = utf8(SseEncoder.encode(SseEvent.comment("heartbeat")));

    private final EventBus bus;
    private final ChangeFrames frames;
    private final SseOptions options;
    private final Supplier<byte[]> tooManyClientsProblem;
    private final Flux<LiveEvent> liveEvents;
    private final AtomicInteger clients = new AtomicInteger();
    private final AtomicLong droppedClients = new AtomicLong();

    /**
     * Creates the route. {@code eventJson} renders a change as the event's data (a single JSON document),
     * {@code eventType} names its SSE event type, and {@code tooManyClientsProblem} supplies the
     * problem+json body of the 503 reply.
     */
    public EventStreamRoute(
            EventBus bus,
            Function<Recorded, String> eventJson,
            Function<Event, String> eventType,
            SseOptions options,
            Supplier<byte[]> tooManyClientsProblem) {
        this(bus, eventJson, eventType, options, tooManyClientsProblem, Flux.empty());
    }

    /**
     * Creates the route like {@link #EventStreamRoute(EventBus, Function, Function, SseOptions, Supplier)},
     * also merging {@code liveEvents} into every stream. {@code liveEvents} must be hot (every client
     * subscribes to it when its stream opens); a client that has no demand when one is published misses it.
     */
    public EventStreamRoute(
            EventBus bus,
            Function<Recorded, String> eventJson,
            Function<Event, String> eventType,
            SseOptions options,
            Supplier<byte[]> tooManyClientsProblem,
            Flux<LiveEvent> liveEvents) {
        this.bus = bus;
        this.frames = new ChangeFrames(eventJson, eventType);
        this.options = options;
        this.tooManyClientsProblem = tooManyClientsProblem;
        this.liveEvents = liveEvents;
    }

    /** Handles {@code GET /events}; register it with {@code routes.get("/events", route::handle)}. */
    public Publisher<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        return Mono.defer(() -> {
            LastEventId lastEventId = lastEventId(req);
            if (lastEventId != null && lastEventId.position() == null) {
                return badLastEventId(res, lastEventId);
            }
            if (clients.incrementAndGet() > options.maxClients()) {
                clients.decrementAndGet();
                LOG.warn("SSE client {} refused: all {} client slots taken", req.remoteAddress(), options.maxClients());
                return tooManyClients(res);
            }
            @Nullable Long position = lastEventId == null ? null : lastEventId.position();
            Session session = new Session(String.valueOf(req.remoteAddress()),
                    position == null ? bus.lastPosition() : position);
            Flux<BusItem> items = position == null ? bus.live() : bus.since(position);
            return stream(res, items, session).doFinally(signal -> session.release());
        });
    }

    /** Returns the number of clients currently streaming. */
    public int clients() {
        return clients.get();
    }

    /** Returns how many clients were dropped for being too slow since this route was created. */
    public long droppedClients() {
        return droppedClients.get();
    }

    private Mono<Void> stream(HttpServerResponse res, Flux<BusItem> items, Session session) {
        Sinks.Empty<Void> changesEnded = Sinks.empty();
        Flux<byte[]> changes = items.map(item -> frame(item, session))
                .doFinally(signal -> changesEnded.tryEmitEmpty());
        Flux<byte[]> heartbeats = Flux.interval(options.heartbeat(), options.heartbeat())
                .onBackpressureDrop()
                .map(tick -> HEARTBEAT)
                .takeUntilOther(changesEnded.asMono());
        Flux<byte[]> notices = liveEvents.onBackpressureDrop()
                .map(notice -> utf8(notice.encode()))
                .takeUntilOther(changesEnded.asMono());
        Flux<ByteBuf> body = Flux.merge(changes, heartbeats, notices)
                .startWith(OPENING)
                .onErrorResume(SlowConsumerException.class, e -> dropped(session, e))
                .doFinally(signal -> session.finish(res))
                .map(Unpooled::wrappedBuffer);
        return res.status(HttpResponseStatus.OK)
                .header(HttpHeaderNames.CONTENT_TYPE, EVENT_STREAM)
                .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .header("X-Accel-Buffering", "no")
                .send(body, flushEach -> true)
                .then();
    }

    private byte[] frame(BusItem item, Session session) {
        if (item instanceof BusItem.Change change) {
            Recorded recorded = change.recorded();
            session.lastId.set(recorded.position());
            return frames.frame(recorded);
        }
        if (item instanceof BusItem.Gap gap) {
            return utf8(SseEncoder.encode(SseEvent.typed("resync", "{\"lastSeen\":" + gap.lastSeen()
                    + ",\"oldestRetained\":" + gap.oldestRetained()
                    + ",\"hint\":\"GET /loadbalancers for the full state\"}")));
        }
        throw new AssertionError("unknown bus item: " + item);
    }

    private Flux<byte[]> dropped(Session session, SlowConsumerException e) {
        session.dropped = true;
        droppedClients.incrementAndGet();
        LOG.warn("SSE client {} dropped: too slow, last id {}, buffer of {} events full",
                session.remote, session.lastId.get(), options.clientBuffer(), e);
        String data = "{\"reason\":\"client too slow\",\"lastId\":" + session.lastId.get() + "}";
        // NB: take(DROP_GRACE) completes even without demand, so a socket that never drains cannot hold us.
        return Flux.just(utf8(SseEncoder.encode(SseEvent.typed("dropped", data)))).take(DROP_GRACE);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static @Nullable LastEventId lastEventId(HttpServerRequest req) {
        String header = req.requestHeaders().get(LAST_EVENT_ID_HEADER);
        if (header != null) {
            return LastEventId.parse(LAST_EVENT_ID_HEADER, header);
        }
        List<String> params = new QueryStringDecoder(req.uri()).parameters().get(LAST_EVENT_ID_PARAM);
        return params == null || params.isEmpty() ? null : LastEventId.parse(LAST_EVENT_ID_PARAM, params.get(0));
    }

    private static Mono<Void> badLastEventId(HttpServerResponse res, LastEventId lastEventId) {
        String raw = lastEventId.raw().length() > MAX_ECHOED_CHARS
                ? lastEventId.raw().substring(0, MAX_ECHOED_CHARS) + "…"
                : lastEventId.raw();
        String detail = lastEventId.field() + ": '" + raw + "' (expected: a non-negative integer)";
        String body = "{\"type\":\"urn:slb:problem:bad-request\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":" + quote(detail) + ",\"field\":" + quote(lastEventId.field()) + "}";
        return res.status(HttpResponseStatus.BAD_REQUEST)
                .header(HttpHeaderNames.CONTENT_TYPE, PROBLEM_JSON)
                .sendString(Mono.just(body), StandardCharsets.UTF_8)
                .then();
    }

    private Mono<Void> tooManyClients(HttpServerResponse res) {
        return res.status(HttpResponseStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaderNames.CONTENT_TYPE, PROBLEM_JSON)
                .header(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .sendByteArray(Mono.fromSupplier(tooManyClientsProblem))
                .then();
    }

    private static String quote(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }

    /** LastEventId is the resume point a client sent, with the field it came in; position null if malformed. */
    private record LastEventId(String field, String raw, @Nullable Long position) {
        static LastEventId parse(String field, String raw) {
            if (!POSITION.matcher(raw).matches()) {
                return new LastEventId(field, raw, null);
            }
            try {
                return new LastEventId(field, raw, Long.parseLong(raw));
            } catch (NumberFormatException tooLarge) {
                return new LastEventId(field, raw, null);
            }
        }
    }

    /** Session is one streaming client: its slot, the last id handed to its socket, and whether it was dropped. */
    private final class Session {
        final String remote;
        final AtomicLong lastId;
        volatile boolean dropped;
        private final AtomicBoolean released = new AtomicBoolean();

        Session(String remote, long lastId) {
            this.remote = remote;
            this.lastId = new AtomicLong(lastId);
        }

        /** Ends this client's stream: closes the connection if it was dropped, and frees its slot. */
        void finish(HttpServerResponse res) {
            if (dropped) {
                res.withConnection(connection -> connection.dispose());
            }
            release();
        }

        /** Frees this client's slot; idempotent, as both the body and the reply may end first. */
        void release() {
            if (released.compareAndSet(false, true)) {
                clients.decrementAndGet();
                LOG.debug("SSE client {} left at id {}", remote, lastId.get());
            }
        }
    }
}
