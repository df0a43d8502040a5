package dev.controlplanes.kamaji.apiserver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantControlPlaneProcessesTest {

  private final Map<String, Path> volumes =
      Map.of(
          "pki", Path.of("/tmp/t/volumes/pki"),
          "config", Path.of("/tmp/t/volumes/config"),
          "uds", Path.of("/tmp/t/volumes/uds"));

  @Test
  void mapsTheLongestMountPathAndLeavesLookalikesAlone() {
    V1Container container =
        new V1Container()
            .name("kube-apiserver")
            .command(List.of("kube-apiserver"))
            .args(
                List.of(
                    "--tls-cert-file=/etc/kubernetes/pki/apiserver.crt",
                    "--kubeconfig=/etc/kubernetes/scheduler.conf",
                    "--etcd-servers=unix:///uds/kine",
                    "--other=/etc/kubernetes-extra/file",
                    "--secure-port=6443"))
            .volumeMounts(
                List.of(
                    new V1VolumeMount().name("config").mountPath("/etc/kubernetes"),
                    new V1VolumeMount().name("pki").mountPath("/etc/kubernetes/pki"),
                    new V1VolumeMount().name("uds").mountPath("/uds")));

    assertThat(TenantControlPlaneProcesses.commandLine(container, volumes, Map.of()))
        .containsExactly(
            "kube-apiserver",
            "--tls-cert-file=/tmp/t/volumes/pki/apiserver.crt",
            "--kubeconfig=/tmp/t/volumes/config/scheduler.conf",
            "--etcd-servers=unix:///tmp/t/volumes/uds/kine",
            "--other=/etc/kubernetes-extra/file",
            "--secure-port=6443");
  }

  @Test
  void mapsAPathAtTheEndOfAWordOrBeforeASeparator() {
    V1Container container =
        new V1Container()
            .name("kube-apiserver")
            .command(List.of("kube-apiserver"))
            .args(List.of("--etcd-servers=unix:///uds,unix:///uds/kine", "--dir=/uds"))
            .volumeMounts(List.of(new V1VolumeMount().name("uds").mountPath("/uds")));

    assertThat(TenantControlPlaneProcesses.commandLine(container, volumes, Map.of()))
        .containsExactly(
            "kube-apiserver",
            "--etcd-servers=unix:///tmp/t/volumes/uds,unix:///tmp/t/volumes/uds/kine",
            "--dir=/tmp/t/volumes/uds");
  }

  @Test
  void mapsPathsInsideAConfigurationFileAsItsContainerSeesThem() {
    V1Container apiServer =
        new V1Container()
            .name("kube-apiserver")
            .volumeMounts(
                List.of(
                    new V1VolumeMount().name("uds").mountPath("/run/konnectivity"),
                    new V1VolumeMount().name("config").mountPath("/etc/kubernetes/egress")));
    String yaml =
        "egressSelections:\n"
            + "- connection:\n"
            + "    transport:\n"
            + "      uds:\n"
            + "        udsName: /run/konnectivity/konnectivity-server.socket\n"
            + "  name: /run/konnectivity-other\n";

    assertThat(
            TenantControlPlaneProcesses.fileContent(
                yaml, TenantControlPlaneProcesses.mounts(apiServer, volumes)))
        .isEqualTo(
            "egressSelections:\n"
                + "- connection:\n"
                + "    transport:\n"
                + "      uds:\n"
                + "        udsName: /tmp/t/volumes/uds/konnectivity-server.socket\n"
                + "  name: /run/konnectivity-other\n");
  }

  @Test
  void expandsVariablesFromTheEnvironmentAsKubeletDoes() {
    V1Container container =
        new V1Container()
            .name("kine")
            .command(List.of("/bin/kine"))
            .args(
                List.of(
                    "--endpoint=postgres://$(DB_USER):$(DB_PASSWORD)@$(DB_CONNECTION_STRING)/$(DB_SCHEMA)",
                    "--keep=$(UNSET)"));

    assertThat(
            TenantControlPlaneProcesses.commandLine(
                container,
                volumes,
                Map.of(
                    "DB_USER", "u",
                    "DB_PASSWORD", "p$1",
                    "DB_CONNECTION_STRING", "127.0.0.1:5432",
                    "DB_SCHEMA", "s")))
        .containsExactly(
            "/bin/kine", "--endpoint=postgres://u:p$1@127.0.0.1:5432/s", "--keep=$(UNSET)");
  }
}
