package dev.controlplanes.kamaji.konnectivity.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {

  /** The arguments Kamaji renders for its konnectivity-server sidecar (sorted, --k=v). */
  private static final List<String> KAMAJI_ARGS =
      List.of(
          "--admin-port=8133",
          "--agent-namespace=kube-system",
          "--agent-port=8132",
          "--agent-service-account=konnectivity-agent",
          "--authentication-audience=system:konnectivity-server",
          "--cluster-cert=/etc/kubernetes/pki/apiserver.crt",
          "--cluster-key=/etc/kubernetes/pki/apiserver.key",
          "--health-port=8134",
          "--kubeconfig=/etc/kubernetes/konnectivity-server.conf",
          "--mode=grpc",
          "--server-count=2",
          "--server-port=0",
          "--uds-name=/run/konnectivity/konnectivity-server.socket",
          "-v=8",
          "--logtostderr=true");

  @Test
  void acceptsKamajisSidecarArguments() {
    ServerOptions o = ServerOptions.parse(KAMAJI_ARGS);
    assertThat(o.agentPort()).isEqualTo(8132);
    assertThat(o.adminPort()).isEqualTo(8133);
    assertThat(o.healthPort()).isEqualTo(8134);
    assertThat(o.udsName()).isEqualTo("/run/konnectivity/konnectivity-server.socket");
    assertThat(o.serverCount()).isEqualTo(2);
    assertThat(o.tokenAuthentication()).isTrue();
    assertThat(o.authenticationAudience()).isEqualTo("system:konnectivity-server");
    assertThat(o.keepaliveTime()).isEqualTo(Duration.ofHours(1));
    assertThat(o.proxyStrategies()).containsExactly("default");
    assertThat(o.serverId()).isNotEmpty();
  }

  @Test
  void acceptsSpaceSeparatedValuesAndStrategies() {
    ServerOptions o =
        ServerOptions.parse(
            List.of(
                "--cluster-cert",
                "c",
                "--cluster-key",
                "k",
                "--uds-name",
                "/s",
                "--server-port",
                "0",
                "--proxy-strategies=destHost,default",
                "--keepalive-time=30s",
                "--server-id=a"));
    assertThat(o.proxyStrategies()).containsExactly("destHost", "default");
    assertThat(o.keepaliveTime()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.serverId()).isEqualTo("a");
  }

  @Test
  void rejectsWhatUpstreamRejects() {
    assertThatThrownBy(() -> ServerOptions.parse(List.of("--uds-name=/s", "--server-port=0")))
        .hasMessageContaining("--cluster-cert");
    assertThatThrownBy(
            () ->
                ServerOptions.parse(
                    List.of("--cluster-cert=c", "--cluster-key=k", "--uds-name=/s")))
        .hasMessageContaining("--server-port=0");
    assertThatThrownBy(
            () ->
                ServerOptions.parse(
                    List.of(
                        "--cluster-cert=c",
                        "--cluster-key=k",
                        "--uds-name=/s",
                        "--server-port=0",
                        "--agent-namespace=kube-system",
                        "--agent-service-account=a",
                        "--authentication-audience=b",
                        "--cluster-ca-cert=ca")))
        .hasMessageContaining("exclusive");
    assertThatThrownBy(() -> ServerOptions.parse(List.of("--no-such-flag=1")))
        .hasMessageContaining("unknown flag");
  }

  @Test
  void theLeaseControllerNeedsWellFormedLabelsAndAClient() {
    List<String> base = List.of("--cluster-cert=c", "--cluster-key=k", "--server-port=0");
    ServerOptions off = ServerOptions.parse(with(base, "--lease-label=not-a-pair"));
    assertThat(off.enableLeaseController()).isFalse();
    assertThat(off.needsKubernetesClient()).isFalse();
    assertThatThrownBy(
            () ->
                ServerOptions.parse(
                    with(base, "--enable-lease-controller", "--lease-label=not-a-pair")))
        .hasMessageContaining("invalid label format: not-a-pair");
    ServerOptions on =
        ServerOptions.parse(
            with(base, "--enable-lease-controller", "--lease-namespace=konnectivity"));
    assertThat(on.needsKubernetesClient()).isTrue();
    assertThat(on.leaseNamespace()).isEqualTo("konnectivity");
    assertThat(on.leaseLabels().selector()).isEqualTo("k8s-app=konnectivity-server");
  }

  @Test
  void tlsFlagsTakeGosNamesAndOnlyItsSecureSuites() {
    List<String> base = List.of("--cluster-cert=c", "--cluster-key=k", "--server-port=0");
    ServerOptions o =
        ServerOptions.parse(
            with(
                base,
                "--cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,"
                    + " TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                "--tls-min-version=VersionTLS13"));
    assertThat(o.tlsPolicy().cipherSuites())
        .containsExactly(
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
    assertThat(o.tlsPolicy().tls13Only()).isTrue();
    assertThat(ServerOptions.parse(base).tlsPolicy()).isEqualTo(new TlsPolicy(List.of(), false));
    assertThatThrownBy(
            () -> ServerOptions.parse(with(base, "--cipher-suites=TLS_RSA_WITH_AES_128_CBC_SHA")))
        .hasMessage(
            "cipher suite TLS_RSA_WITH_AES_128_CBC_SHA not supported, doesn't exist or considered"
                + " as insecure");
    assertThatThrownBy(() -> ServerOptions.parse(with(base, "--tls-min-version=1.2")))
        .hasMessageContaining("--tls-min-version must be one of");
  }

  private static List<String> with(List<String> base, String... more) {
    List<String> all = new java.util.ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }
}
