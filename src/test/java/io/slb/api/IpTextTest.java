package io.slb.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.slb.ipam.IpAddresses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Addresses render in RFC 5952 canonical text, whatever form they were parsed from. */
class IpTextTest {
    @ParameterizedTest
    @CsvSource({
            "10.80.96.25, 10.80.96.25",
            "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "0:0:0:0:0:0:0:1, ::1",
            "1:0:0:0:0:0:0:0, 1::",
            "fe80:0:0:0:abcd:0:0:0, fe80::abcd:0:0:0",
            "2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff, 2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff"})
    void formatsCanonically(String parsed, String expected) {
        assertThat(IpText.format(IpAddresses.parse(parsed))).isEqualTo(expected);
    }
}
