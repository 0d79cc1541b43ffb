package io.slb.announce.arp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {
    @Test
    void parsesFormatsAndRoundTripsThroughOctets() {
        MacAddress mac = MacAddress.parse("02:00:5E:10:00:0a");

        assertThat(mac.bits()).isEqualTo(0x0200_5e10_000aL);
        assertThat(mac).hasToString("02:00:5e:10:00:0a");
        assertThat(MacAddress.of(mac.octets())).isEqualTo(mac);
        assertThat(MacAddress.read(ByteBuffer.wrap(mac.octets()))).isEqualTo(mac);
        assertThat(MacAddress.BROADCAST).hasToString("ff:ff:ff:ff:ff:ff");
        assertThat(MacAddress.ZERO).hasToString("00:00:00:00:00:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "02:00:5e:10:00", "02:00:5e:10:00:0a:01", "2:00:5e:10:00:0a", "02:00:5e:10:00:0g", "02-00-5e-10-00-0a"})
    void refusesMalformedText(String text) {
        assertThatThrownBy(() -> MacAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MAC address: " + text + " (expected: six hex octets such as 02:00:5e:10:00:01)");
    }

    @Test
    void refusesMoreThan48BitsAndWrongOctetCounts() {
        assertThatThrownBy(() -> new MacAddress(1L << 48)).hasMessage("bits: 0x1000000000000 (expected: 48 bits)");
        assertThatThrownBy(() -> new MacAddress(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MacAddress.of(new byte[5])).hasMessage("octets: 5 (expected: 6)");
    }

    @Test
    void mapsIpv6MulticastGroupsAsRfc2464Says() throws Exception {
        assertThat(MacAddress.ipv6Multicast((Inet6Address) InetAddress.getByName("ff02::1")))
                .isEqualTo(MacAddress.parse("33:33:00:00:00:01"));
        assertThat(MacAddress.ipv6Multicast((Inet6Address) InetAddress.getByName("ff02::1:ff12:3456")))
                .isEqualTo(MacAddress.parse("33:33:ff:12:34:56"));
        assertThatThrownBy(() -> MacAddress.ipv6Multicast((Inet6Address) InetAddress.getByName("2001:db8::1")))
                .hasMessage("group: 2001:db8:0:0:0:0:0:1 (expected: an IPv6 multicast address)");
    }
}
