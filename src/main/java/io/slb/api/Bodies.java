package io.slb.api;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/** Bodies reads request bodies into memory, refusing any larger than a limit. */
final class Bodies {
    private Bodies() {}

    /** BodyTooLargeException is raised when a body passes the limit; the API answers 413. */
    static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException(long limit) {
            super("request body is larger than " + limit + " bytes");
        }
    }

    /**
     * Emits the whole body (empty array for none), or fails with {@link BodyTooLargeException} as soon
     * as it is known to pass {@code limit}: at once from Content-Length, or while reading a chunked one.
     */
    static Mono<byte[]> read(HttpServerRequest req, int limit) {
        String declared = req.requestHeaders().get("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    return Mono.error(new BodyTooLargeException(limit));
                }
            } catch (NumberFormatException e) {
                // Netty has already rejected a malformed Content-Length; fall through to counting.
            }
        }
        return req.receive()
                .reduceWith(ByteArrayOutputStream::new, (out, buf) -> append(out, buf, limit))
                .map(ByteArrayOutputStream::toByteArray)
                .defaultIfEmpty(new byte[0]);
    }

    private static ByteArrayOutputStream append(ByteArrayOutputStream out, ByteBuf buf, int limit) {
        int n = buf.readableBytes();
        if ((long) out.size() + n > limit) {
            throw new BodyTooLargeException(limit);
        }
        byte[] chunk = new byte[n];
        buf.readBytes(chunk);
        out.writeBytes(chunk);
        return out;
    }
}
