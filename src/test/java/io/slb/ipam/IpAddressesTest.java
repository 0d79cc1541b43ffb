package io.slb.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {
    private static final int V4 = 4;
    private static final int V6 = 16;
    private static final long SEED = 0x51b;
    private static final int SAMPLES = 2_000;

    static Stream<Arguments> knownValues() {
        return Stream.of(
                row("0.0.0.0", V4, BigInteger.ZERO),
                row("10.0.0.1", V4, BigInteger.valueOf(0x0a000001L)),
                row("128.0.0.0 (sign bit)", V4, BigInteger.valueOf(0x80000000L)),
                row("255.255.255.255", V4, BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE)),
                row("::", V6, BigInteger.ZERO),
                row("::1", V6, BigInteger.ONE),
                row("2001:db8::1", V6, new BigInteger("20010db8000000000000000000000001", 16)),
                row("8000::", V6, BigInteger.ONE.shiftLeft(127)),
                row("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", V6, BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)));
    }

    private static Arguments row(String name, int bytes, BigInteger value) {
        String literal = name.split(" ")[0];
        return arguments(Named.of(name, literal), bytes, value);
    }

    @ParameterizedTest
    @MethodSource("knownValues")
    void convertsToAndFromUnsignedIntegers(String literal, int bytes, BigInteger value) {
        InetAddress address = IpAddresses.parse(literal);

        assertThat(IpAddresses.byteLength(address)).isEqualTo(bytes);
        assertThat(IpAddresses.toBigInteger(address)).isEqualTo(value);
        assertThat(IpAddresses.fromBigInteger(value, bytes)).isEqualTo(address);
    }

    @Test
    void zeroIsTheAnyAddressOfTheFamilyAsked() {
        assertThat(IpAddresses.fromBigInteger(BigInteger.ZERO, V4)).isInstanceOf(Inet4Address.class);
        assertThat(IpAddresses.fromBigInteger(BigInteger.ZERO, V6)).isInstanceOf(Inet6Address.class);
    }

    @Test
    void parsesIpv6InAnySpelling() {
        InetAddress expected = IpAddresses.parse("2001:db8:0:0:0:0:0:1");

        assertThat(IpAddresses.parse("2001:DB8::1")).isEqualTo(expected);
        assertThat(IpAddresses.parse("2001:0db8:0000::0001")).isEqualTo(expected);
        assertThat(IpAddresses.parse(" 2001:db8::1 ")).isEqualTo(expected);
        assertThat(IpAddresses.parse("::10.0.0.1")).isEqualTo(IpAddresses.fromBigInteger(BigInteger.valueOf(0x0a000001L), V6));
    }

    @Test
    void refusesIpv4MappedIpv6SoPoolsNeverMixFamilies() {
        // Java parses ::ffff:a.b.c.d to an Inet4Address; an IPv6 pool must never hand out IPv4.
        assertThatIllegalArgumentException().isThrownBy(() -> IpAddresses.parse("::ffff:10.0.0.5"))
                .withMessage("'::ffff:10.0.0.5' is an IPv4-mapped IPv6 address; write it as 10.0.0.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {".::1", ".1:2::3", "..:"})
    void refusesTextThatWouldReachTheResolver(String text) {
        // NB: InetAddress.getByName treats text not starting with a hex digit or ':' as a host name.
        assertThatIllegalArgumentException().isThrownBy(() -> IpAddresses.parse(text))
                .withMessage("'" + text + "' is not an IP address")
                .withNoCause();
    }

    @Test
    void randomIpv4AddressesRoundTrip() {
        Random random = new Random(SEED);
        for (int i = 0; i < SAMPLES; i++) {
            assertRoundTrip(randomAddress(random, V4));
        }
    }

    @Test
    void randomIpv6AddressesRoundTrip() {
        Random random = new Random(SEED);
        for (int i = 0; i < SAMPLES; i++) {
            assertRoundTrip(randomAddress(random, V6));
        }
    }

    @Test
    void randomIntegersRoundTrip() {
        Random random = new Random(SEED);
        for (int i = 0; i < SAMPLES; i++) {
            BigInteger v4 = new BigInteger(V4 * Byte.SIZE, random);
            assertThat(IpAddresses.toBigInteger(IpAddresses.fromBigInteger(v4, V4))).isEqualTo(v4);
            BigInteger v6 = new BigInteger(V6 * Byte.SIZE, random);
            assertThat(IpAddresses.toBigInteger(IpAddresses.fromBigInteger(v6, V6))).isEqualTo(v6);
        }
    }

    /** Checks address → integer → address and address → text → address. */
    private static void assertRoundTrip(InetAddress address) {
        int bytes = IpAddresses.byteLength(address);
        assertThat(IpAddresses.fromBigInteger(IpAddresses.toBigInteger(address), bytes))
                .as("integer round trip of %s", address).isEqualTo(address);
        assertThat(IpAddresses.parse(address.getHostAddress()))
                .as("text round trip of %s", address).isEqualTo(address);
    }

    private static InetAddress randomAddress(Random random, int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }
}
