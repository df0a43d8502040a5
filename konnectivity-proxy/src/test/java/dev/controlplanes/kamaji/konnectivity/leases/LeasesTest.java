package dev.controlplanes.kamaji.konnectivity.leases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1LeaseSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeasesTest {

  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  @Test
  void labelsAreParsedAsUpstreamParsesThem() {
    LeaseLabels labels = LeaseLabels.parse(" k8s-app = konnectivity-server ,tier=cp");
    assertThat(labels.values()).isEqualTo(Map.of("k8s-app", "konnectivity-server", "tier", "cp"));
    assertThat(labels.selector()).isEqualTo("k8s-app=konnectivity-server,tier=cp");
    assertThat(LeaseLabels.parse("b=2,a=1").selector()).isEqualTo("a=1,b=2");
  }

  @Test
  void badLabelFlagsAreRefused() {
    assertThatThrownBy(() -> LeaseLabels.parse("")).hasMessageContaining("empty string");
    assertThatThrownBy(() -> LeaseLabels.parse("a=b,c"))
        .hasMessageContaining("invalid label format: c");
    assertThatThrownBy(() -> LeaseLabels.parse("a=b=c"))
        .hasMessageContaining("invalid label format: a=b=c");
    assertThatThrownBy(() -> LeaseLabels.parse("a=b,")).hasMessageContaining("invalid label");
  }

  @Test
  void aLeaseMatchesWhenItCarriesEveryLabel() {
    LeaseLabels labels = LeaseLabels.parse("k8s-app=konnectivity-server,tier=cp");
    assertThat(labels.matches(Map.of("k8s-app", "konnectivity-server", "tier", "cp", "x", "y")))
        .isTrue();
    assertThat(labels.matches(Map.of("k8s-app", "konnectivity-server"))).isFalse();
    assertThat(labels.matches(Map.of("k8s-app", "konnectivity-server", "tier", "other"))).isFalse();
    assertThat(labels.matches(null)).isFalse();
  }

  @Test
  void aLeaseIsValidUntilItsLastRenewalPlusItsDuration() {
    assertThat(ServerLeases.isValid(lease(NOW.minusSeconds(29), null, 30), NOW)).isTrue();
    assertThat(ServerLeases.isValid(lease(NOW.minusSeconds(30), null, 30), NOW)).isFalse();
    // Without a renewal, the acquisition counts.
    assertThat(ServerLeases.isValid(lease(null, NOW.minusSeconds(10), 30), NOW)).isTrue();
    assertThat(ServerLeases.isValid(lease(NOW.minusSeconds(40), NOW, 30), NOW)).isFalse();
    assertThat(ServerLeases.isValid(lease(null, null, 30), NOW)).isFalse();
    assertThat(ServerLeases.isValid(lease(NOW, null, null), NOW)).isFalse();
    assertThat(ServerLeases.isValid(new V1Lease(), NOW)).isFalse();
  }

  @Test
  void serversNameTheirLeaseAfterTheirId() {
    assertThat(ServerLeases.name("3f1c")).isEqualTo("konnectivity-proxy-server-3f1c");
  }

  @Test
  void theReasonOfAnErrorStatusLabelsTheMetrics() {
    assertThat(
            StatusReasons.of(
                "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"Conflict\",\"code\":409}"))
        .isEqualTo("Conflict");
    assertThat(StatusReasons.of("{\"kind\":\"Status\",\"code\":500}")).isEmpty();
    assertThat(StatusReasons.of("upstream connect error")).isEmpty();
    assertThat(StatusReasons.of(null)).isEmpty();
  }

  private static V1Lease lease(Instant renewed, Instant acquired, Integer seconds) {
    return new V1Lease()
        .spec(
            new V1LeaseSpec()
                .renewTime(
                    renewed == null ? null : OffsetDateTime.ofInstant(renewed, ZoneOffset.UTC))
                .acquireTime(
                    acquired == null ? null : OffsetDateTime.ofInstant(acquired, ZoneOffset.UTC))
                .leaseDurationSeconds(seconds));
  }
}
