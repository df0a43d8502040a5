package dev.controlplanes.kamaji.api.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"10.96.0.0/16", "10.96.0.1/16", "0.0.0.0/0", "fd00::/108", "::/0", "1.2.3.4/32"})
  void parses(String text) {
    assertThat(Cidr.parse(text)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.96.0.0",
        "10.96.0.0/33",
        "fd00::/129",
        "10.96.0.0/016",
        "10.0.0.0/-1",
        "/8",
        "10.0.0.0/8/8",
        "x/8"
      })
  void refuses(String text) {
    assertThat(Cidr.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "10.96.0.0/16, 10.96.0.10, true",
    "10.96.0.0/16, 10.97.0.10, false",
    "10.96.0.0/12, 10.111.255.255, true",
    "10.96.0.0/12, 10.112.0.0, false",
    "fd00::/108, fd00::10, true",
    "fd00::/120, fd00::1:10, false",
    "10.96.0.0/16, fd00::10, false",
    "0.0.0.0/0, 192.168.1.1, true",
  })
  void containment(String cidr, String ip, boolean contained) {
    assertThat(Cidr.parse(cidr).orElseThrow().contains(IpAddress.parse(ip).orElseThrow()))
        .isEqualTo(contained);
  }
}
