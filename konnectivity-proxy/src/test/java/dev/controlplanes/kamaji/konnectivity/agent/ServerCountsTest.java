package dev.controlplanes.kamaji.konnectivity.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ServerCountsTest {

  @Test
  void withoutLeasesTheLastNewServersHeaderCounts() {
    assertThat(ServerCounts.target(OptionalInt.empty(), 0, "default")).isEqualTo(1);
    assertThat(ServerCounts.target(OptionalInt.empty(), 3, "default")).isEqualTo(3);
    assertThat(ServerCounts.target(OptionalInt.empty(), 3, "max")).isEqualTo(3);
  }

  @Test
  void byDefaultLeasesWinOverTheHeader() {
    assertThat(ServerCounts.target(OptionalInt.of(2), 5, "default")).isEqualTo(2);
    assertThat(ServerCounts.target(OptionalInt.of(2), 5, "")).isEqualTo(2);
    assertThat(ServerCounts.target(OptionalInt.of(0), 5, "default")).isEqualTo(1);
  }

  @Test
  void maxTakesTheLargerSource() {
    assertThat(ServerCounts.target(OptionalInt.of(2), 5, "max")).isEqualTo(5);
    assertThat(ServerCounts.target(OptionalInt.of(4), 1, "max")).isEqualTo(4);
    assertThat(ServerCounts.target(OptionalInt.of(3), 0, "max")).isEqualTo(3);
  }

  @Test
  void leaseFlagsAreCheckedAsUpstreamChecksThem() {
    assertThatThrownBy(() -> AgentOptions.parse(List.of("--server-count-source=min")))
        .hasMessageContaining("--server-count-source must be one of");
    assertThatThrownBy(
            () -> AgentOptions.parse(List.of("--count-server-leases", "--lease-label=app")))
        .hasMessageContaining("invalid label format: app");
    // Labels are only read when leases are counted.
    assertThat(AgentOptions.parse(List.of("--lease-label=app")).countServerLeases()).isFalse();
    AgentOptions o =
        AgentOptions.parse(
            List.of(
                "--count-server-leases",
                "--lease-namespace=konnectivity",
                "--lease-label=a=b",
                "--server-count-source=max",
                "--kubeconfig=/etc/kubeconfig"));
    assertThat(o.leaseNamespace()).isEqualTo("konnectivity");
    assertThat(o.leaseLabels().selector()).isEqualTo("a=b");
    assertThat(o.serverCountSource()).isEqualTo("max");
    assertThat(o.kubeconfig()).isEqualTo("/etc/kubeconfig");
  }
}
