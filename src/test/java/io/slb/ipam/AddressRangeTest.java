package io.slb.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRangeTest {
    private static final BigInteger TWO_TO_THE_64 = BigInteger.ONE.shiftLeft(64);

    static Stream<Arguments> validRanges() {
        return Stream.of(
                valid("192.168.0.85-192.168.0.90", "192.168.0.85", "192.168.0.90", 6),
                valid(" 10.0.0.1 - 10.0.0.3 ", "10.0.0.1", "10.0.0.3", 3),
                valid("10.0.0.7", "10.0.0.7", "10.0.0.7", 1),
                valid("10.0.0.0/24 excludes network and broadcast", "10.0.0.0/24", "10.0.0.1", "10.0.0.254", 254),
                valid("10.0.0.0/30", "10.0.0.1", "10.0.0.2", 2),
                valid("10.0.0.0/31 keeps both", "10.0.0.0/31", "10.0.0.0", "10.0.0.1", 2),
                valid("10.0.0.7/32", "10.0.0.7", "10.0.0.7", 1),
                valid("0.0.0.0/0", "0.0.0.1", "255.255.255.254", (1L << 32) - 2),
                valid("2001:db8::1-2001:db8::a", "2001:db8::1", "2001:db8::a", 10),
                valid("2001:db8::5", "2001:db8::5", "2001:db8::5", 1),
                valid("2001:DB8::/126", "2001:db8::1", "2001:db8::3", 3),
                valid("2001:db8::/127 keeps both", "2001:db8::/127", "2001:db8::", "2001:db8::1", 2),
                valid("2001:db8::5/128", "2001:db8::5", "2001:db8::5", 1),
                arguments(Named.of("2001:db8::/64 excludes the subnet-router anycast", "2001:db8::/64"),
                        "2001:db8::1", "2001:db8::ffff:ffff:ffff:ffff", TWO_TO_THE_64.subtract(BigInteger.ONE)));
    }

    private static Arguments valid(String text, String first, String last, long size) {
        return valid(text, text, first, last, size);
    }

    private static Arguments valid(String name, String text, String first, String last, long size) {
        return arguments(Named.of(name, text), first, last, BigInteger.valueOf(size));
    }

    @ParameterizedTest
    @MethodSource("validRanges")
    void parsesRangesCidrsAndSingleAddresses(String text, String first, String last, BigInteger size) {
        AddressRange range = AddressRange.parse(text);

        assertThat(range.first()).isEqualTo(IpAddresses.parse(first));
        assertThat(range.last()).isEqualTo(IpAddresses.parse(last));
        assertThat(range.size()).isEqualTo(size);
        assertThat(range.text()).isEqualTo(text.trim());
    }

    static Stream<Arguments> invalidRanges() {
        return Stream.of(
                invalid("mixed families", "10.0.0.1-2001:db8::1", "'10.0.0.1-2001:db8::1' mixes IPv4 and IPv6"),
                invalid("reversed", "10.0.0.9-10.0.0.1", "'10.0.0.9-10.0.0.1' ends before it starts"),
                invalid("reversed IPv6", "2001:db8::9-2001:db8::1", "ends before it starts"),
                invalid("prefix too long", "10.0.0.0/33", "'10.0.0.0/33': prefix length 33 (expected: 0..32)"),
                invalid("IPv6 prefix too long", "2001:db8::/129", "prefix length 129 (expected: 0..128)"),
                invalid("prefix not a number", "10.0.0.0/x", "'10.0.0.0/x': prefix length 'x' is not a plain decimal number"),
                invalid("empty prefix", "10.0.0.0/", "is not a plain decimal number"),
                invalid("signed prefix", "10.0.0.0/+8", "prefix length '+8' is not a plain decimal number"),
                invalid("zero-padded prefix", "10.0.0.0/08", "prefix length '08' is not a plain decimal number"),
                invalid("IPv4-mapped IPv6 CIDR", "::ffff:10.0.0.0/120", "is an IPv4-mapped IPv6 address; write it as 10.0.0.0"),
                invalid("empty start", "-10.0.0.1", "empty address"),
                invalid("empty text", "  ", "empty address"),
                invalid("three octets", "10.0.0", "'10.0.0' is not an IP address"),
                invalid("five octets", "10.0.0.0.1", "is not an IP address"),
                invalid("octet above 255", "10.0.0.256", "'10.0.0.256' is not an IP address"),
                invalid("empty octet", "10..0.1", "is not an IP address"),
                invalid("signed octet", "10.0.0.+1", "is not an IP address"),
                invalid("garbage", "banana", "'banana' is not an IP address"),
                invalid("leading zero", "010.0.0.1", "'010.0.0.1' is ambiguous: leading zero in an octet"),
                invalid("leading zero last octet", "10.0.0.01", "leading zero"),
                invalid("leading zero in a range end", "10.0.0.1-10.0.0.09", "leading zero"),
                invalid("zone id", "fe80::1%eth0", "'fe80::1%eth0' is not an IP address"),
                invalid("numeric zone id", "fe80::1%2", "is not an IP address"),
                invalid("brackets", "[2001:db8::1]", "is not an IP address"),
                invalid("bad IPv6", "2001:db8::1::2", "'2001:db8::1::2' is not an IP address"),
                invalid("hostname localhost", "localhost", "'localhost' is not an IP address"),
                invalid("hostname example.com", "example.com", "'example.com' is not an IP address"),
                invalid("hostname in a range", "example.com-example.org", "is not an IP address"));
    }

    private static Arguments invalid(String name, String text, String message) {
        return arguments(Named.of(name, text), message);
    }

    @ParameterizedTest
    @MethodSource("invalidRanges")
    void rejectsWhatIsNotARange(String text, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse(text)).withMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "db.internal", "10.0.0.1.nip.io", "router-1"})
    void refusesHostnamesAsTextWithoutResolvingThem(String hostname) {
        // NB: no cause means the text never reached InetAddress, so no resolver was asked.
        assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse(hostname))
                .withMessageContaining("is not an IP address")
                .withNoCause();
    }

    static Stream<Named<String>> cidrsWithHostBits() {
        return Stream.of(Named.of("IPv4", "10.0.0.1/24"), Named.of("IPv4 /8", "10.1.2.3/8"), Named.of("IPv6", "2001:db8::1/64"));
    }

    @ParameterizedTest
    @MethodSource("cidrsWithHostBits")
    void rejectsHostBitsAndSuggestsTheNetworkThatParses(String text) {
        String message = catchMessage(text);
        assertThat(message).contains("'" + text + "' has host bits set");

        Matcher suggestion = Pattern.compile("did you mean (\\S+)\\?").matcher(message);
        assertThat(suggestion.find()).as("a suggestion in: %s", message).isTrue();
        AddressRange network = AddressRange.parse(suggestion.group(1));
        assertThat(network.contains(AddressRange.parse(text.substring(0, text.indexOf('/'))).first())).isTrue();
    }

    @Test
    void suggestsTheIpv4NetworkLiterally() {
        assertThat(catchMessage("192.168.7.77/24")).contains("did you mean 192.168.7.0/24?");
    }

    private static String catchMessage(String text) {
        try {
            AddressRange.parse(text);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("'" + text + "' was accepted");
    }

    @Test
    void containsHoldsBothEndsAndNothingOutside() {
        AddressRange range = AddressRange.parse("10.0.0.0/24");

        assertThat(range.contains(IpAddresses.parse("10.0.0.1"))).isTrue();
        assertThat(range.contains(IpAddresses.parse("10.0.0.254"))).isTrue();
        assertThat(range.contains(IpAddresses.parse("10.0.0.0"))).isFalse();
        assertThat(range.contains(IpAddresses.parse("10.0.0.255"))).isFalse();
        assertThat(range.contains(IpAddresses.parse("10.0.1.1"))).isFalse();
    }

    @Test
    void containsNeverMatchesTheOtherFamily() {
        assertThat(AddressRange.parse("0.0.0.0/0").contains(IpAddresses.parse("::1"))).isFalse();
        assertThat(AddressRange.parse("::/0").contains(IpAddresses.parse("10.0.0.1"))).isFalse();
        assertThat(AddressRange.parse("2001:db8::/64").contains(IpAddresses.parse("2001:db8::ffff"))).isTrue();
    }

    @Test
    void overlapsWhenSharingAnAddressOnly() {
        AddressRange range = AddressRange.parse("10.0.0.10-10.0.0.20");

        assertThat(range.overlaps(AddressRange.parse("10.0.0.20-10.0.0.30"))).isTrue();
        assertThat(range.overlaps(AddressRange.parse("10.0.0.12"))).isTrue();
        assertThat(range.overlaps(AddressRange.parse("10.0.0.0/24"))).isTrue();
        assertThat(range.overlaps(AddressRange.parse("10.0.0.21-10.0.0.30"))).isFalse();
        assertThat(range.overlaps(AddressRange.parse("10.0.0.1-10.0.0.9"))).isFalse();
        assertThat(range.overlaps(AddressRange.parse("::/0"))).isFalse();
    }

    @Test
    void printsAsWritten() {
        assertThat(AddressRange.parse(" 10.0.0.0/24 ")).hasToString("10.0.0.0/24");
    }
}
