package dev.controlplanes.kamaji.controllers.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.api.v1alpha1.DataStoreDriver;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerPathsTest {

  private static final Path ROOT = Path.of("/tmp/cp-root");

  @Test
  void relocatesEveryContainerPathInTheFlags() {
    TenantControlPlane tcp =
        Fixtures.tcpWithSpec(
            "  controlPlane: {service: {serviceType: ClusterIP}}\n"
                + "  kubernetes: {version: v1.35.7, kubelet: {}}\n"
                + "  addons: {konnectivity: {}}\n");
    ResolvedFacts facts = Fixtures.kine(DataStoreDriver.MYSQL, true, true);
    List<String> args = ContainerPaths.relocate(ApiServerContainer.args(tcp, facts, true), ROOT);

    assertThat(args)
        .contains(
            "--client-ca-file=/tmp/cp-root/etc/kubernetes/pki/ca.crt",
            "--etcd-servers=unix:///tmp/cp-root/uds/kine",
            "--egress-selector-config-file=/tmp/cp-root/etc/kubernetes/konnectivity/configurations/egress-selector-configuration.yaml",
            // not container paths: unchanged
            "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
            "--requestheader-extra-headers-prefix=X-Remote-Extra-");
    // no flag value still points into the container's file system
    for (String dir : ContainerPaths.directories()) {
      assertThat(args).noneMatch(a -> a.contains("=" + dir) || a.contains("unix://" + dir));
    }
    assertThat(ContainerPaths.relocate(KineContainers.args(tcp, facts), ROOT))
        .contains(
            "--ca-file=/tmp/cp-root/certs/ca.crt", "--listen-address=unix:///tmp/cp-root/uds/kine");
    assertThat(ContainerPaths.relocate(KonnectivityEgressSelector.CONFIGURATION, ROOT))
        .contains("udsName: /tmp/cp-root/run/konnectivity/konnectivity-server.socket");
    // a path that merely starts like a known directory is left alone
    assertThat(ContainerPaths.relocate("--x=/udsfoo,/certsbar", ROOT))
        .isEqualTo("--x=/udsfoo,/certsbar");
  }
}
