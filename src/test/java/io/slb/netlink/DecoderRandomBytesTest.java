package io.slb.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random and mutated bytes into the decoders raise NetlinkProtocolException and nothing else; round trips are stable. */
class DecoderRandomBytesTest {
    private static final long SEED = 0x5eed_2024L;
    private static final int ROUNDS = 3000;

    @Test
    void randomDatagramsDecodeOrRaiseOnlyProtocolErrors() {
        Random random = new Random(SEED);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] bytes = new byte[random.nextInt(96)];
            random.nextBytes(bytes);
            assertOnlyProtocolErrors(bytes, () -> walkMessages(bytes));
        }
    }

    @Test
    void mutatedValidDatagramsDecodeOrRaiseOnlyProtocolErrors() {
        Random random = new Random(SEED);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] bytes = FakeNetlink.encode(randomMessages(random));
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips && bytes.length > 0; f++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            byte[] cut = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            assertOnlyProtocolErrors(cut, () -> walkMessages(cut));
        }
    }

    @Test
    void randomAttributeBytesRaiseOnlyProtocolErrors() {
        Random random = new Random(SEED);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            assertOnlyProtocolErrors(bytes, () -> walkAttributes(AttrReader.of(bytes, AttrReader.UNNAMED), 0));
        }
    }

    @Test
    void encodeDecodeEncodeIsStable() throws Exception {
        Random random = new Random(SEED);
        for (int i = 0; i < ROUNDS; i++) {
            List<NlMessage> messages = randomMessages(random);
            byte[] once = FakeNetlink.encode(messages);
            List<NlMessage> decoded = NlMessage.decodeAll(ByteBuffer.wrap(once));
            assertThat(decoded).isEqualTo(messages);
            assertThat(FakeNetlink.encode(decoded)).isEqualTo(once);
        }
    }

    private static List<NlMessage> randomMessages(Random random) {
        List<NlMessage> messages = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int m = 0; m < count; m++) {
            AttrWriter w = new AttrWriter();
            for (int a = random.nextInt(4); a > 0; a--) {
                byte[] value = new byte[random.nextInt(9)];
                random.nextBytes(value);
                if (random.nextBoolean()) {
                    w.bytes(1 + random.nextInt(30), value);
                } else {
                    w.nested(1 + random.nextInt(30), n -> n.bytes(1, value).u32(2, random.nextInt()));
                }
            }
            messages.add(new NlMessage(random.nextInt(0x10000), random.nextInt(0x10000), random.nextInt(),
                    random.nextInt(), w.toBytes()));
        }
        return messages;
    }

    private static void walkMessages(byte[] bytes) throws NetlinkProtocolException {
        for (NlMessage m : NlMessage.decodeAll(ByteBuffer.wrap(bytes))) {
            walkAttributes(m.attributes(0, AttrReader.UNNAMED), 0);
        }
    }

    private static void walkAttributes(AttrReader r, int depth) throws NetlinkProtocolException {
        while (r.next()) {
            r.string();
            r.bytes();
            tryFixed(r);
            if (depth < 3) {
                walkAttributes(r.nested(AttrReader.UNNAMED), depth + 1);
            }
        }
    }

    private static void tryFixed(AttrReader r) throws NetlinkProtocolException {
        switch (r.length()) {
            case 1 -> r.u8();
            case 2 -> r.be16();
            case 4 -> r.u32();
            case 8 -> r.u64();
            default -> { }
        }
    }

    private interface Decode {
        void run() throws NetlinkProtocolException;
    }

    private static void assertOnlyProtocolErrors(byte[] bytes, Decode decode) {
        Throwable thrown = catchThrowable(decode::run);
        if (thrown != null) {
            assertThat(thrown).as("decoding %s", java.util.HexFormat.of().formatHex(bytes))
                    .isInstanceOf(NetlinkProtocolException.class);
        }
    }
}
