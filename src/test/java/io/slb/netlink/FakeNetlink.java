package io.slb.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.slb.sys.Errno;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * FakeNetlink is a byte-level kernel for {@link NetlinkSocket#over}, in the style of Go's nltest: every
 * datagram the socket sends is decoded, each request is passed to a server function, and the replies it
 * returns are encoded into one datagram per request for the socket to receive. Nothing above the
 * syscalls is faked. Records the requests and datagrams; receive with nothing queued is EAGAIN, like an
 * expired SO_RCVTIMEO. Not thread safe.
 */
public final class FakeNetlink implements NetlinkTransport {
    /** PORT_ID is the port id this fake "kernel" assigned; {@link Replies} stamps it on replies. */
    public static final int PORT_ID = 4242;

    private final Function<NlMessage, List<NlMessage>> server;
    private final List<NlMessage> requests = new ArrayList<>();
    private final Deque<byte[]> queued = new ArrayDeque<>();
    private int packAtMost = Integer.MAX_VALUE;
    private int datagramsSent;
    private int failNextSend;
    private boolean closed;

    private FakeNetlink(Function<NlMessage, List<NlMessage>> server) {
        this.server = server;
    }

    /** Returns a fake that answers each request with {@code server.apply(request)}. */
    public static FakeNetlink serving(Function<NlMessage, List<NlMessage>> server) {
        return new FakeNetlink(server);
    }

    /** Returns a server that asserts each request's type and flags, then delegates to {@code server}. */
    public static Function<NlMessage, List<NlMessage>> expect(int type, int flags, Function<NlMessage, List<NlMessage>> server) {
        return request -> {
            assertThat(request.type()).as("request type").isEqualTo(type);
            assertThat(request.flags()).as("request flags").isEqualTo(flags);
            return server.apply(request);
        };
    }

    /** Returns the requests received so far, in order. */
    public List<NlMessage> requests() {
        return List.copyOf(requests);
    }

    /** Returns how many datagrams the socket sent. */
    public int datagramsSent() {
        return datagramsSent;
    }

    /** Makes the next send fail with {@code errno}, as sendto would. */
    public void failNextSend(int errno) {
        failNextSend = errno;
    }

    /** Splits each request's replies into datagrams of at most {@code messages} messages, as a kernel dump does. */
    public void packAtMost(int messages) {
        packAtMost = messages;
    }

    /** Queues a raw datagram (stale replies, garbage) ahead of the next replies. */
    public void queue(byte[] datagram) {
        queued.add(datagram.clone());
    }

    /** Returns whether close() was called. */
    public boolean closed() {
        return closed;
    }

    @Override
    public int portId() {
        return PORT_ID;
    }

    @Override
    public int send(ByteBuffer datagram) {
        if (failNextSend != 0) {
            int errno = failNextSend;
            failNextSend = 0;
            return -errno;
        }
        datagramsSent++;
        List<NlMessage> received;
        try {
            received = NlMessage.decodeAll(datagram);
        } catch (NetlinkProtocolException e) {
            throw new AssertionError("the socket sent a malformed datagram", e);
        }
        for (NlMessage request : received) {
            requests.add(request);
            List<NlMessage> replies = server.apply(request);
            for (int i = 0; i < replies.size(); i += packAtMost) {
                queued.add(encode(replies.subList(i, Math.min(replies.size(), i + packAtMost))));
            }
        }
        return 0;
    }

    @Override
    public int receive(ByteBuffer into, boolean wait) {
        byte[] datagram = queued.poll();
        if (datagram == null) {
            return -Errno.EAGAIN;
        }
        into.clear();
        into.put(datagram, 0, Math.min(datagram.length, into.capacity()));
        return datagram.length;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Returns {@code messages} packed into one datagram. */
    public static byte[] encode(List<NlMessage> messages) {
        ByteBuffer b = ByteBuffer.allocate(messages.stream().mapToInt(NlMessage::encodedLength).sum());
        messages.forEach(m -> m.encodeTo(b));
        return b.array();
    }
}
