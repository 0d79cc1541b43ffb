package io.slb.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AddressPoolsTest {
    /** Three IPv4 addresses, a /30 (two usable) and an IPv6 /127 (two), in that order. */
    private static final AddressPools MIXED = AddressPools.parse("10.0.0.1-10.0.0.3, 10.0.1.0/30,2001:db8::/127");

    private static InetAddress ip(String literal) {
        return IpAddresses.parse(literal);
    }

    private static Set<InetAddress> inUse(String... literals) {
        return Arrays.stream(literals).map(AddressPoolsTest::ip).collect(Collectors.toSet());
    }

    @Test
    void parsesACommaSeparatedListInOrder() {
        assertThat(MIXED.ranges()).extracting(AddressRange::text)
                .containsExactly("10.0.0.1-10.0.0.3", "10.0.1.0/30", "2001:db8::/127");
        assertThat(MIXED).hasToString("10.0.0.1-10.0.0.3,10.0.1.0/30,2001:db8::/127");
        assertThat(MIXED.size()).isEqualTo(BigInteger.valueOf(7));
        assertThat(MIXED.isEmpty()).isFalse();
    }

    @Test
    void rejectsOverlappingRangesNamingBoth() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AddressPools.parse("10.0.0.0/24,192.168.0.1,10.0.0.77-10.0.1.5"))
                .withMessage("ranges '10.0.0.0/24' and '10.0.0.77-10.0.1.5' overlap");
    }

    @Test
    void rejectsTheSameAddressTwice() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AddressPools.parse("2001:db8::5,2001:db8::/120"))
                .withMessageContaining("'2001:db8::5'")
                .withMessageContaining("'2001:db8::/120'");
    }

    @Test
    void acceptsBothFamiliesOverTheSameNumbers() {
        AddressPools pools = AddressPools.parse("0.0.0.1-0.0.0.9,::1-::9");

        assertThat(pools.ranges()).hasSize(2);
    }

    static Stream<Named<String>> emptyParts() {
        return Stream.of(Named.of("nothing", ""), Named.of("blank", "  "), Named.of("two commas", "10.0.0.1,,10.0.0.2"),
                Named.of("leading comma", ",10.0.0.1"), Named.of("trailing comma", "10.0.0.1,"), Named.of("blank between commas", "10.0.0.1, ,10.0.0.2"));
    }

    @ParameterizedTest
    @MethodSource("emptyParts")
    void rejectsAnEmptyPart(String spec) {
        assertThatIllegalArgumentException().isThrownBy(() -> AddressPools.parse(spec))
                .withMessage("empty range in '" + spec + "'");
    }

    @Test
    void rejectsABadPartNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> AddressPools.parse("10.0.0.0/24,nope"))
                .withMessageContaining("'nope'");
    }

    @Test
    void lowestFreeTakesTheFirstRangeFirst() {
        assertThat(MIXED.lowestFree(Set.of())).contains(ip("10.0.0.1"));
    }

    @Test
    void lowestFreeFillsHolesBeforeMovingOn() {
        assertThat(MIXED.lowestFree(inUse("10.0.0.1", "10.0.0.3"))).contains(ip("10.0.0.2"));
        assertThat(MIXED.lowestFree(inUse("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.1.2"))).contains(ip("10.0.1.1"));
    }

    @Test
    void lowestFreeCrossesRangesAndFamilies() {
        Set<InetAddress> v4Taken = inUse("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.1.1");
        assertThat(MIXED.lowestFree(v4Taken)).contains(ip("10.0.1.2"));

        Set<InetAddress> allV4 = inUse("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.1.1", "10.0.1.2");
        assertThat(MIXED.lowestFree(allV4)).contains(ip("2001:db8::"));
    }

    @Test
    void lowestFreeIsEmptyWhenEverythingIsTaken() {
        Set<InetAddress> all = inUse("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.1.1", "10.0.1.2",
                "2001:db8::", "2001:db8::1");

        assertThat(MIXED.lowestFree(all)).isEmpty();
    }

    @Test
    void lowestFreeIgnoresAddressesOutsideThePools() {
        assertThat(MIXED.lowestFree(inUse("10.0.0.0", "10.0.0.4", "192.168.1.1", "::1"))).contains(ip("10.0.0.1"));
    }

    @Test
    void lowestFreeFollowsTheWrittenOrderNotTheNumericOne() {
        AddressPools pools = AddressPools.parse("2001:db8::/127,10.0.9.0/24,10.0.0.0/24");

        assertThat(pools.lowestFree(Set.of())).contains(ip("2001:db8::"));
        assertThat(pools.lowestFree(inUse("2001:db8::", "2001:db8::1"))).contains(ip("10.0.9.1"));
    }

    @Test
    void lowestFreeWorksInAnIpv6Slash64() {
        AddressPools pools = AddressPools.parse("2001:db8:0:1::/64");

        assertThat(pools.lowestFree(inUse("2001:db8:0:1::1", "2001:db8:0:1::2", "2001:db8:0:1::4")))
                .contains(ip("2001:db8:0:1::3"));
    }

    @Test
    void containsLooksInEveryRange() {
        assertThat(MIXED.contains(ip("10.0.0.3"))).isTrue();
        assertThat(MIXED.contains(ip("10.0.1.2"))).isTrue();
        assertThat(MIXED.contains(ip("2001:db8::1"))).isTrue();
        assertThat(MIXED.contains(ip("10.0.0.4"))).isFalse();
        assertThat(MIXED.contains(ip("10.0.1.3"))).isFalse();
        assertThat(MIXED.contains(ip("2001:db8::2"))).isFalse();
    }

    @Test
    void noPoolsHoldNothing() {
        assertThat(AddressPools.NONE.isEmpty()).isTrue();
        assertThat(AddressPools.NONE.size()).isZero();
        assertThat(AddressPools.NONE.contains(ip("10.0.0.1"))).isFalse();
        assertThat(AddressPools.NONE.lowestFree(Set.of())).isEqualTo(Optional.empty());
    }

    @Test
    void lowestFreeFindsTheGapAtTheTopOfTheAddressSpace() {
        AddressPools top = AddressPools.parse("255.255.255.250-255.255.255.255,ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127");
        assertThat(top.lowestFree(inUse("255.255.255.250", "255.255.255.251", "255.255.255.252", "255.255.255.253",
                "255.255.255.254"))).contains(ip("255.255.255.255"));
        assertThat(top.lowestFree(inUse("255.255.255.250", "255.255.255.251", "255.255.255.252", "255.255.255.253",
                "255.255.255.254", "255.255.255.255", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe")))
                .contains(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
    }

    @Test
    void lowestFreeInAHugeRangeWithAddressesFarApart() {
        AddressPools wide = AddressPools.parse("fd00::/64");
        assertThat(wide.lowestFree(inUse("fd00::1", "fd00::ffff:ffff:ffff:ffff"))).contains(ip("fd00::2"));
        assertThat(wide.lowestFree(inUse("fd00::2", "fd00::ffff:ffff:ffff:ffff"))).contains(ip("fd00::1"));
        assertThat(wide.lowestFree(inUse("fd00::1", "fd00::2", "fd00::3"))).contains(ip("fd00::4"));
    }

    /** The binary search must agree with the obvious walk from the first address, for any set in use. */
    @Test
    void lowestFreeAgreesWithAWalkFromTheStart() {
        AddressPools pools = AddressPools.parse("10.0.0.0/27,10.0.1.5-10.0.1.9,fd00::/124");
        List<InetAddress> all = new ArrayList<>();
        for (AddressRange range : pools.ranges()) {
            BigInteger last = IpAddresses.toBigInteger(range.last());
            for (BigInteger v = IpAddresses.toBigInteger(range.first()); v.compareTo(last) <= 0; v = v.add(BigInteger.ONE)) {
                all.add(IpAddresses.fromBigInteger(v, IpAddresses.byteLength(range.first())));
            }
        }
        Random random = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            double density = random.nextDouble();
            Set<InetAddress> used = new HashSet<>();
            for (InetAddress address : all) {
                if (random.nextDouble() < density) {
                    used.add(address);
                }
            }
            Optional<InetAddress> walked = all.stream().filter(a -> !used.contains(a)).findFirst();
            assertThat(pools.lowestFree(used)).as("in use: %s", used).isEqualTo(walked);
            assertThat(pools.lowestFree(AddressPools.sorted(used))).isEqualTo(walked);
        }
    }
}
