package io.slb.api.sse;

import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;

/**
 * SseRecorder reads a {@code text/event-stream} response with a real HTTP client and parses it
 * incrementally into frames, as a browser's EventSource would (lines "field: value", blank line ends a frame).
 */
final class SseRecorder implements AutoCloseable {
    /** Frame is one parsed event-stream block. */
    record Frame(@Nullable String id, @Nullable String event, @Nullable String data, List<String> comments,
                 @Nullable String retry) {}

    private final Disposable subscription;
    private final StringBuilder pending = new StringBuilder();
    private final List<Frame> frames = new ArrayList<>();
    private final AtomicReference<@Nullable HttpHeaders> headers = new AtomicReference<>();

    SseRecorder(HttpClient client, String uri) {
        subscription = client.get()
                .uri(uri)
                .response((response, body) -> {
                    headers.set(response.responseHeaders());
                    return body.asString();
                })
                .subscribe(this::append);
    }

    private synchronized void append(String chunk) {
        pending.append(chunk);
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
            frames.add(parse(pending.substring(0, end)));
            pending.delete(0, end + 2);
        }
    }

    private static Frame parse(String block) {
        String id = null;
        String event = null;
        String retry = null;
        List<String> data = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        for (String line : block.split("\n", -1)) {
            if (line.startsWith(":")) {
                comments.add(line.substring(1).strip());
            } else if (line.startsWith("id: ")) {
                id = line.substring("id: ".length());
            } else if (line.startsWith("event: ")) {
                event = line.substring("event: ".length());
            } else if (line.startsWith("data:")) {
                data.add(line.substring("data:".length()).stripLeading());
            } else if (line.startsWith("retry: ")) {
                retry = line.substring("retry: ".length());
            }
        }
        return new Frame(id, event, data.isEmpty() ? null : String.join("\n", data), comments, retry);
    }

    synchronized List<Frame> frames() {
        return List.copyOf(frames);
    }

    /** Returns the ids of the events received so far, in order. */
    synchronized List<Long> ids() {
        return frames.stream().map(Frame::id).filter(Objects::nonNull).map(Long::parseLong).toList();
    }

    synchronized long lastId() {
        List<Long> ids = ids();
        return ids.isEmpty() ? 0 : ids.get(ids.size() - 1);
    }

    /** Waits (bounded) until the event with {@code id} has arrived. */
    void awaitId(long id) {
        await().atMost(SseTestServer.TIMEOUT).until(() -> lastId() >= id);
    }

    /** Waits (bounded) until the stream has opened, i.e. its first frame arrived. */
    void awaitOpen() {
        await().atMost(SseTestServer.TIMEOUT).until(() -> !frames().isEmpty());
    }

    HttpHeaders headers() {
        return Objects.requireNonNull(headers.get(), "headers");
    }

    @Override
    public void close() {
        subscription.dispose();
    }
}
