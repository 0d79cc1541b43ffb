package io.slb.api.sse;

import static io.slb.api.sse.TestEvents.large;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.slb.core.Recorded;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A client that stops reading is dropped; the publisher and a normal client carry on. */
class SlowClientTest {
    private static final int CLIENT_BUFFER = 64;
    private static final int SMALL_RECEIVE_BUFFER = 4096;
    private static final int EVENT_SIZE = 8192;
    private static final int BATCHES = 60;
    private static final int BATCH_SIZE = 50;

    @Test
    void clientThatNeverReadsIsDroppedWithoutStallingPublisherOrOthers() throws IOException {
        SseOptions options = new SseOptions(4, CLIENT_BUFFER, 100, Duration.ofSeconds(30));
        try (SseTestServer server = new SseTestServer(options);
                Socket stuck = new Socket();
                SseRecorder normal = server.open("/events", Map.of())) {
            stuck.setReceiveBufferSize(SMALL_RECEIVE_BUFFER);
            stuck.connect(new InetSocketAddress("127.0.0.1", server.port()));
            stuck.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            normal.awaitOpen();
            await().atMost(SseTestServer.TIMEOUT).until(() -> server.route.clients() == 2);

            long total = (long) BATCHES * BATCH_SIZE;
            for (long first = 1; first <= total; first += BATCH_SIZE) {
                server.bus.publish(batch(first));
                // The normal client keeps up: wait until it has this batch, then publish the next.
                normal.awaitId(first + BATCH_SIZE - 1);
            }

            assertThat(normal.ids()).isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(server.route.droppedClients()).isEqualTo(1);
            await().atMost(SseTestServer.TIMEOUT).until(() -> server.route.clients() == 1);
            assertThat(drainUntilClosed(stuck)).startsWith("HTTP/1.1 200 OK");
        }
    }

    private static List<Recorded> batch(long first) {
        return LongStream.range(first, first + BATCH_SIZE).mapToObj(position -> large(position, EVENT_SIZE)).toList();
    }

    /** Reads the stuck socket to its end (bounded by a read timeout) and returns the start of what it got. */
    private static String drainUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout((int) SseTestServer.TIMEOUT.toMillis());
        InputStream in = socket.getInputStream();
        byte[] head = in.readNBytes(64);
        byte[] chunk = new byte[EVENT_SIZE];
        while (in.read(chunk) >= 0) {
            // Discard: only the end of the stream matters, proving the server closed the connection.
        }
        return new String(head, StandardCharsets.US_ASCII);
    }
}
