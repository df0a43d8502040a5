package dev.controlplanes.kamaji.controllers.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class KubeconfigsTest {

  @Test
  void rendersKubeadmLayout() {
    Kubeconfigs.Kubeconfig kubeconfig =
        new Kubeconfigs.Kubeconfig(
            "tenant-00",
            "https://localhost:6443",
            "system:kube-scheduler",
            bytes("CA"),
            bytes("CERT"),
            bytes("KEY"));

    Object yaml =
        new Yaml(new SafeConstructor(new LoaderOptions()))
            .load(new String(Kubeconfigs.render(kubeconfig), StandardCharsets.UTF_8));

    assertThat(yaml)
        .isEqualTo(
            Map.of(
                "apiVersion", "v1",
                "kind", "Config",
                "preferences", Map.of(),
                "current-context", "system:kube-scheduler@tenant-00",
                "clusters",
                    List.of(
                        Map.of(
                            "name",
                            "tenant-00",
                            "cluster",
                            Map.of(
                                "server",
                                "https://localhost:6443",
                                "certificate-authority-data",
                                base64("CA")))),
                "contexts",
                    List.of(
                        Map.of(
                            "name",
                            "system:kube-scheduler@tenant-00",
                            "context",
                            Map.of("cluster", "tenant-00", "user", "system:kube-scheduler"))),
                "users",
                    List.of(
                        Map.of(
                            "name",
                            "system:kube-scheduler",
                            "user",
                            Map.of(
                                "client-certificate-data", base64("CERT"),
                                "client-key-data", base64("KEY"))))));
  }

  @Test
  void parsesWhatItRenders() {
    Kubeconfigs.Kubeconfig kubeconfig =
        new Kubeconfigs.Kubeconfig(
            "c", "https://[fd00::1]:6443", "u", bytes("CA"), bytes("CERT"), bytes("KEY"));

    Kubeconfigs.Kubeconfig parsed = Kubeconfigs.parse(Kubeconfigs.render(kubeconfig));

    assertThat(parsed.clusterName()).isEqualTo("c");
    assertThat(parsed.server()).isEqualTo("https://[fd00::1]:6443");
    assertThat(parsed.userName()).isEqualTo("u");
    assertThat(parsed.certificateAuthority()).isEqualTo(bytes("CA"));
    assertThat(parsed.clientCertificate()).isEqualTo(bytes("CERT"));
    assertThat(parsed.clientKey()).isEqualTo(bytes("KEY"));
    assertThat(parsed.toString()).doesNotContain("KEY");
  }

  @Test
  void rejectsKubeconfigsWithoutEmbeddedCredentials() {
    byte[] tokenOnly =
        ("apiVersion: v1\nkind: Config\ncurrent-context: a\ncontexts:\n- name: a\n  context:"
                + " {cluster: c, user: u}\nclusters:\n- name: c\n  cluster: {server: 'https://x',"
                + " certificate-authority-data: Q0E=}\nusers:\n- name: u\n  user: {token: s3cr3t}\n")
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Kubeconfigs.parse(tokenOnly))
        .isInstanceOf(PemException.class)
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(() -> Kubeconfigs.parse(bytes("[: s3cr3t")))
        .isInstanceOf(PemException.class)
        .hasMessageNotContaining("s3cr3t");
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void clientJavaLoadsTheKubeconfigAndBuildsAnApiClient(KeyAlgorithm algorithm) throws Exception {
    TenantCertificates certificates = new TenantCertificates(Fixtures.parameters(algorithm));
    SecretContent admin = certificates.adminKubeconfigs(certificates.ca().bundle());
    String yaml = new String(admin.data().get("admin.svc"), StandardCharsets.UTF_8);

    KubeConfig kubeConfig = KubeConfig.loadKubeConfig(new StringReader(yaml));

    assertThat(kubeConfig.getCurrentContext()).isEqualTo("kubernetes-admin@tenant-00");
    assertThat(kubeConfig.getServer()).isEqualTo("https://tenant-00.tenants.svc:6443");
    assertThat(Base64.getDecoder().decode(kubeConfig.getClientKeyData()))
        .isEqualTo(Kubeconfigs.parse(admin.data().get("admin.svc")).clientKey());
    ApiClient client = ClientBuilder.kubeconfig(kubeConfig).build();
    assertThat(client.getBasePath()).isEqualTo("https://tenant-00.tenants.svc:6443");
    assertThat(client.getKeyManagers()).isNotEmpty();
    assertThat(client.isVerifyingSsl()).isTrue();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(bytes(text));
  }
}
