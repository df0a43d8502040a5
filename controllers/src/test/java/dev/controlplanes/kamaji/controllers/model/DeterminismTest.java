package dev.controlplanes.kamaji.controllers.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.api.v1alpha1.DataStoreDriver;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.JSON;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Same input, byte-identical JSON: the reconciler compares checksums of these outputs to skip
 * writes. The input is also parsed with its maps in a different order, which must not matter, and
 * building must not change the input.
 */
class DeterminismTest {

  private static final String SPEC =
      "  dataStoreOverrides: [{resource: /events, dataStore: ev}]\n"
          + "  controlPlane:\n"
          + "    deployment:\n"
          + "      nodeSelector: {%1$s, %2$s}\n"
          + "      additionalMetadata: {labels: {%3$s, %4$s}, annotations: {%1$s, %2$s}}\n"
          + "      podAdditionalMetadata: {labels: {%3$s, %4$s}}\n"
          + "      resources: {apiServer: {requests: {%5$s, %6$s}}}\n"
          + "      extraArgs: {apiServer: [--v=2], kine: [--debug]}\n"
          + "      additionalContainers: [{name: side, image: busybox}]\n"
          + "      topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway}]\n"
          + "    service:\n"
          + "      serviceType: NodePort\n"
          + "      additionalMetadata: {labels: {%3$s, %4$s}}\n"
          + "      additionalPorts: [{name: m, port: 9100, targetPort: 9100}]\n"
          + "    ingress: {hostname: a.example.org, additionalMetadata: {annotations: {%1$s, %2$s}}}\n"
          + "  kubernetes: {version: v1.35.7, kubelet: {}}\n"
          + "  networkProfile: {allowAddressAsExternalIP: true, certSANs: [x.example.org]}\n"
          + "  addons: {konnectivity: {server: {resources: {limits: {%5$s, %6$s}}}}}\n";

  private static TenantControlPlane tcp(boolean reversed) {
    String[] kv = {"zone: a", "disk: ssd", "team: x", "app: y", "cpu: 100m", "memory: 1Gi"};
    Object[] args = reversed ? new Object[] {kv[1], kv[0], kv[3], kv[2], kv[5], kv[4]} : kv;
    return Fixtures.tcpWithSpec(String.format(SPEC, args));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        DataStoreDriver.ETCD,
        DataStoreDriver.MYSQL,
        DataStoreDriver.POSTGRESQL,
        DataStoreDriver.NATS
      })
  void everyBuilderIsDeterministic(String driver) {
    ResolvedFacts facts =
        DataStoreDriver.ETCD.equals(driver) ? Fixtures.etcd() : Fixtures.kine(driver, true, true);
    List<BiFunction<TenantControlPlane, ResolvedFacts, Object>> builders =
        List.of(
            ControlPlaneService::build,
            KubeadmConfig::build,
            (t, f) -> DataStoreConfigSecret.build(t, f, "pw".getBytes(StandardCharsets.UTF_8)),
            ControlPlaneDeployment::build,
            (t, f) -> KonnectivityEgressSelector.build(t),
            (t, f) -> ControlPlaneIngress.build(t));
    for (BiFunction<TenantControlPlane, ResolvedFacts, Object> builder : builders) {
      TenantControlPlane input = tcp(false);
      String before = JSON.serialize(input);
      String first = JSON.serialize(builder.apply(input, facts));
      String second = JSON.serialize(builder.apply(input, facts));
      String reordered = JSON.serialize(builder.apply(tcp(true), facts));
      assertThat(second).isEqualTo(first);
      assertThat(reordered).isEqualTo(first);
      assertThat(JSON.serialize(input)).as("the input is unchanged").isEqualTo(before);
    }
  }

  @Test
  void aChangedInputChangesTheOutput() {
    String a = JSON.serialize(ControlPlaneDeployment.build(tcp(false), Fixtures.etcd()));
    TenantControlPlane changed = tcp(false);
    changed
        .getSpec()
        .getControlPlane()
        .getDeployment()
        .getExtraArgs()
        .setApiServer(List.of("--v=3"));
    assertThat(JSON.serialize(ControlPlaneDeployment.build(changed, Fixtures.etcd())))
        .isNotEqualTo(a);
  }
}
