package dev.controlplanes.kamaji.apiserver.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.controllers.ControllerOptions.TenantEndpoint;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {

  @Test
  void leaderElectionIsOnWithKubeControllerManagersDefaults() {
    LeaderElectionOptions election = ServerOptions.parse().leaderElection();

    assertThat(election)
        .isEqualTo(
            new LeaderElectionOptions(
                true,
                "kamaji-system",
                "kamaji-controllers",
                Duration.ofSeconds(15),
                Duration.ofSeconds(10),
                Duration.ofSeconds(2)));
    assertThat(ServerOptions.parse("--leader-elect=false").leaderElection().enabled()).isFalse();
  }

  @Test
  void leaderElectionDurationsMustNest() {
    assertThatThrownBy(() -> ServerOptions.parse("--leader-elect-renew-deadline=20s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--leader-elect-renew-deadline < --leader-elect-lease-duration");
    assertThatThrownBy(() -> ServerOptions.parse("--leader-elect=yes"))
        .hasMessageContaining("--leader-elect must be true or false");
  }

  @Test
  void theTenantEndpointIsInternalInClusterAndExternalOutsideUnlessChosen() {
    assertThat(ServerOptions.parse().controllerOptions().tenantEndpoint())
        .isEqualTo(TenantEndpoint.EXTERNAL);
    assertThat(ServerOptions.parse("--in-cluster=true").controllerOptions().tenantEndpoint())
        .isEqualTo(TenantEndpoint.INTERNAL);
    assertThat(
            ServerOptions.parse("--tenant-endpoint=internal").controllerOptions().tenantEndpoint())
        .isEqualTo(TenantEndpoint.INTERNAL);
    assertThat(
            ServerOptions.parse("--in-cluster=true", "--tenant-endpoint=external")
                .controllerOptions()
                .tenantEndpoint())
        .isEqualTo(TenantEndpoint.EXTERNAL);
    assertThatThrownBy(() -> ServerOptions.parse("--tenant-endpoint=public"))
        .hasMessageContaining("--tenant-endpoint must be auto, internal or external");
  }

  @Test
  void tenantNetworksLimitWhichTenantsAreDialled() {
    assertThat(
            ServerOptions.parse()
                .controllerOptions()
                .tenantNetworks()
                .permits("https://10.0.0.7:6443"))
        .isTrue();
    assertThat(
            ServerOptions.parse("--tenant-networks=127.0.0.0/8,::1/128")
                .controllerOptions()
                .tenantNetworks()
                .permits("https://10.0.0.7:6443"))
        .isFalse();
    assertThatThrownBy(() -> ServerOptions.parse("--tenant-networks=loopback"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--tenant-networks: loopback is not a CIDR");
  }
}
