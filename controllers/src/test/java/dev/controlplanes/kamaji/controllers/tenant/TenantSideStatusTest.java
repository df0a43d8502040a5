package dev.controlplanes.kamaji.controllers.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantSideStatusTest {

  private static final OffsetDateTime FIRST =
      OffsetDateTime.of(2026, 11, 22, 7, 0, 0, 0, ZoneOffset.UTC);
  private static final OffsetDateTime LATER = FIRST.plusMinutes(5);

  private static TenantControlPlane tcp() {
    return new TenantControlPlane().metadata(new V1ObjectMeta().namespace("ns").name("t"));
  }

  /** One pass: whether it would write the status, and the status after it. */
  private static boolean pass(TenantControlPlane tcp, TenantSideOutcome outcome) {
    TenantSideStatus step = new TenantSideStatus(t -> Optional.ofNullable(outcome));
    step.createOrUpdate(tcp);
    boolean write = step.shouldUpdateStatus(tcp);
    if (write) {
      step.updateStatus(tcp);
    }
    return write;
  }

  @Test
  void nothingIsRecordedBeforeTheTenantSideRunCompletes() {
    TenantControlPlane tcp = tcp();

    assertThat(pass(tcp, null)).isFalse();
    assertThat(tcp.getStatus()).isNull();
  }

  @Test
  void aCompletedRunIsRecordedOnceAsKamajisSootControllersRecordIt() {
    TenantControlPlane tcp = tcp();
    TenantSideOutcome outcome = new TenantSideOutcome(FIRST, "sum-1", true, false, "DaemonSet");

    assertThat(pass(tcp, outcome)).isTrue();
    assertThat(tcp.getStatus().getKubeadmPhase().getBootstrapToken().getChecksum())
        .isEqualTo("sum-1");
    assertThat(tcp.getStatus().getAddons().getCoreDNS().getEnabled()).isTrue();
    assertThat(tcp.getStatus().getAddons().getCoreDNS().getLastUpdate()).isEqualTo(FIRST);
    assertThat(tcp.getStatus().getAddons().getKubeProxy()).isNull();
    assertThat(tcp.getStatus().getAddons().getKonnectivity().getAgent().getMode())
        .isEqualTo("DaemonSet");
    assertThat(tcp.getStatus().getAddons().getKonnectivity().getSa().getName())
        .isEqualTo("konnectivity-agent");
    assertThat(tcp.getStatus().getAddons().getKonnectivity().getClusterrolebinding().getName())
        .isEqualTo("system:konnectivity-server");

    // The same outcome again, even from a later run, changes nothing.
    assertThat(pass(tcp, new TenantSideOutcome(LATER, "sum-1", true, false, "DaemonSet")))
        .isFalse();
  }

  @Test
  void removedAddonsAreRecordedAsDisabled() {
    TenantControlPlane tcp = tcp();
    pass(tcp, new TenantSideOutcome(FIRST, "sum-1", true, true, "Deployment"));

    assertThat(pass(tcp, new TenantSideOutcome(LATER, "sum-2", false, true, null))).isTrue();

    assertThat(tcp.getStatus().getAddons().getCoreDNS().getEnabled()).isFalse();
    assertThat(tcp.getStatus().getAddons().getCoreDNS().getLastUpdate()).isEqualTo(LATER);
    assertThat(tcp.getStatus().getAddons().getKubeProxy().getLastUpdate()).isEqualTo(FIRST);
    assertThat(tcp.getStatus().getAddons().getKonnectivity().getAgent()).isNull();
    assertThat(tcp.getStatus().getKubeadmPhase().getBootstrapToken().getChecksum())
        .isEqualTo("sum-2");
    assertThat(tcp.getStatus().getKubeadmPhase().getBootstrapToken().getLastUpdate())
        .isEqualTo(LATER);
  }
}
