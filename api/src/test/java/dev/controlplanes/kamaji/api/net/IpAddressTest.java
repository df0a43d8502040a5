package dev.controlplanes.kamaji.api.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

  @ParameterizedTest
  @CsvSource({
    "10.96.0.10, 10.96.0.10",
    "0.0.0.0, 0.0.0.0",
    "255.255.255.255, 255.255.255.255",
    "::, ::",
    "::1, ::1",
    "fd00::10, fd00::10",
    "FD00:0:0:0:0:0:0:10, fd00::10",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:db8::0:1, 2001:db8::1",
    "1:0:2:0:3:0:4:0, 1:0:2:0:3:0:4:0",
    "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
    "::ffff:10.1.2.3, ::ffff:10.1.2.3",
    "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
  })
  void parsesAndPrintsCanonically(String text, String canonical) {
    assertThat(IpAddress.parse(text)).get().hasToString(canonical);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "10.96.0",
        "10.96.0.256",
        "010.1.1.1",
        "1.2.3.4.5",
        "a.b.c.d",
        "1:2:3:4:5:6:7:8:9",
        "1::2::3",
        "fe80::1%eth0",
        "12345::",
        "gggg::",
        "1:2:3:4:5:6:7:8::",
        "host.example.org",
        " 10.0.0.1"
      })
  void refusesNonLiterals(String text) {
    assertThat(IpAddress.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"10.96.0.0, 10, 10.96.0.10", "10.96.0.250, 10, 10.96.0.4", "fd00::, 16, fd00::10"})
  void addsToTheLastByteWithWrapAround(String ip, int n, String expected) {
    assertThat(IpAddress.parse(ip).orElseThrow().plusLastByte(n)).hasToString(expected);
  }
}
