package dev.controlplanes.kamaji.controllers.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TenantNetworksTest {

  private final TenantNetworks loopback = TenantNetworks.parse("127.0.0.0/8, ::1/128");

  @Test
  void byDefaultEveryEndpointMayBeDialled() {
    assertThat(TenantNetworks.any().permits("https://10.0.251.79:6443")).isTrue();
    assertThat(TenantNetworks.parse("").permits("https://tcp.ns.svc:6443")).isTrue();
  }

  @Test
  void addressesInsideTheRangesAreDialled() {
    assertThat(loopback.permits("https://127.0.0.1:6443")).isTrue();
    assertThat(loopback.permits("https://127.45.3.9:31000")).isTrue();
    assertThat(loopback.permits("https://[::1]:6443")).isTrue();
    assertThat(loopback.permits("https://localhost:6443")).isTrue();
  }

  @Test
  void addressesOutsideAndHostNamesAreNot() {
    assertThat(loopback.permits("https://10.0.251.79:6443")).isFalse();
    assertThat(loopback.permits("https://128.0.0.1:6443")).isFalse();
    assertThat(loopback.permits("https://[::2]:6443")).isFalse();
    assertThat(loopback.permits("https://tcp.ns.svc:6443")).isFalse();
    assertThat(loopback.permits("https://127.0.0.1.nip.io:6443")).isFalse();
    assertThat(loopback.permits("https://999.0.0.1:6443")).isFalse();
    assertThat(loopback.permits("not a url")).isFalse();
  }

  @Test
  void prefixesThatAreNotWholeBytesAreHonoured() {
    TenantNetworks ranges = TenantNetworks.parse("192.168.4.0/22,fd00::/9");
    assertThat(ranges.permits("https://192.168.7.255:443")).isTrue();
    assertThat(ranges.permits("https://192.168.8.0:443")).isFalse();
    assertThat(ranges.permits("https://[fd7f::1]:443")).isTrue();
    assertThat(ranges.permits("https://[fd80::1]:443")).isFalse();
    assertThat(TenantNetworks.parse("0.0.0.0/0").permits("https://10.1.2.3:443")).isTrue();
  }

  @Test
  void entriesThatAreNotCidrsAreRefusedByName() {
    for (String bad : new String[] {"127.0.0.1", "localhost/8", "10.0.0.0/33", "::1/129", "a/b"}) {
      assertThatThrownBy(() -> TenantNetworks.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--tenant-networks: " + bad + " is not a CIDR");
    }
  }
}
