package dev.controlplanes.kamaji.controllers.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The texts workers read from a tenant, compared byte for byte with what the pinned upstream tools
 * print for the same input (see {@code src/test/resources/kubeadm-v1.34.10/README.md}).
 */
class UpstreamOutputsTest {

  @Test
  void theKubeletConfigurationIsTheKubeletsDefaultsWithKamajisValues() throws IOException {
    String content =
        KubeletConfigUpload.content(
            Fixtures.tcpWithSpec(
                "  kubernetes:\n"
                    + "    version: v1.34.10\n"
                    + "  networkProfile:\n"
                    + "    dnsServiceIPs: [10.96.0.10]\n"));

    assertThat(content).isEqualTo(upstream("kubelet-config.yaml"));
  }

  @Test
  void kubeProxysConfigurationAndKubeconfigAreKubeadms() throws IOException {
    assertThat(KubeProxyAddon.configuration("192.0.2.10", "10.244.0.0/16"))
        .isEqualTo(upstream("kube-proxy-config.conf"));
    assertThat(KubeProxyAddon.kubeconfig("https://127.0.0.1:6443"))
        .isEqualTo(upstream("kube-proxy-kubeconfig.conf"));
    assertThat(KubeProxyAddon.configuration("fd00::10", "fd01::/48"))
        .contains("bindAddress: '::'\n", "clusterCIDR: fd01::/48\n");
  }

  @Test
  void aClusterConfigurationIsWrittenAsKubeadmWritesIt() throws IOException {
    String kubeadm = upstream("cluster-configuration.yaml");
    Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(kubeadm);
    JsonObject document = new Gson().toJsonTree(parsed).getAsJsonObject();

    assertThat(GoYaml.write(document)).isEqualTo(kubeadm);
  }

  private static String upstream(String name) throws IOException {
    try (InputStream in =
        UpstreamOutputsTest.class.getResourceAsStream("/kubeadm-v1.34.10/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
