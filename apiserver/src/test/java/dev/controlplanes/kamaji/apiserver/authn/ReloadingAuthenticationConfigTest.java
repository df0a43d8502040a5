package dev.controlplanes.kamaji.apiserver.authn;

import static dev.controlplanes.kamaji.apiserver.authn.ExtensionApiserverAuthenticationLoaderTest.CONFIGMAP_PATH;
import static dev.controlplanes.kamaji.apiserver.authn.ExtensionApiserverAuthenticationLoaderTest.configMap;
import static dev.controlplanes.kamaji.apiserver.authn.ExtensionApiserverAuthenticationLoaderTest.kubeadmData;
import static dev.controlplanes.kamaji.apiserver.authn.TestPki.FRONT_PROXY_CA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.controlplanes.kamaji.apiserver.tls.CertificateAuthority;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReloadingAuthenticationConfigTest {

  private final AtomicReference<StubKubeApiServer.Response> answer = new AtomicReference<>();
  private StubKubeApiServer server;
  private ExtensionApiserverAuthenticationLoader loader;

  @BeforeEach
  void startStub() throws Exception {
    server = new StubKubeApiServer().route("GET", CONFIGMAP_PATH, body -> answer.get());
    answer.set(configMap(kubeadmData()));
    loader =
        new ExtensionApiserverAuthenticationLoader(
            server.apiClient(), AuthenticationOptions.DEFAULT);
  }

  @AfterEach
  void stopStub() {
    server.close();
  }

  @Test
  void rotatedCaIsSwappedInAsANewSnapshot() {
    try (ReloadingAuthenticationConfig config =
        new ReloadingAuthenticationConfig(loader::load, loader.load())) {
      AuthenticationConfig before = config.get();
      CertificateAuthority rotated = CertificateAuthority.create("front-proxy-ca-2");
      answer.set(configMap(withProxyCa(rotated.certificatePem())));

      assertThat(config.reload()).isTrue();

      assertThat(config.get()).isNotSameAs(before);
      assertThat(config.get().requestHeader().orElseThrow().clientCa())
          .containsExactly(rotated.certificate());
      assertThat(before.requestHeader().orElseThrow().clientCa())
          .containsExactly(FRONT_PROXY_CA.certificate());
    }
  }

  @Test
  void failedReloadKeepsThePreviousSnapshot() {
    try (ReloadingAuthenticationConfig config =
        new ReloadingAuthenticationConfig(loader::load, loader.load())) {
      AuthenticationConfig before = config.get();

      answer.set(new StubKubeApiServer.Response(500, "{}"));
      assertThat(config.reload()).isFalse();
      answer.set(configMap(Map.of()));
      assertThat(config.reload()).isFalse();

      assertThat(config.get()).isSameAs(before);
    }
  }

  @Test
  void unchangedContentIsNoChange() {
    try (ReloadingAuthenticationConfig config =
        new ReloadingAuthenticationConfig(loader::load, loader.load())) {
      assertThat(config.reload()).isFalse();
    }
  }

  @Test
  void startFailsWhenTheFirstLoadFails() {
    answer.set(configMap(Map.of()));

    assertThatThrownBy(() -> ReloadingAuthenticationConfig.start(loader, Duration.ofMinutes(1)))
        .isInstanceOf(AuthenticationConfigException.class);
  }

  @Test
  void startReloadsPeriodically() {
    try (ReloadingAuthenticationConfig config =
        ReloadingAuthenticationConfig.start(loader, Duration.ofMillis(50))) {
      CertificateAuthority rotated = CertificateAuthority.create("front-proxy-ca-3");
      answer.set(configMap(withProxyCa(rotated.certificatePem())));

      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(config.get().requestHeader().orElseThrow().clientCa())
                      .containsExactly(rotated.certificate()));
    }
  }

  private static Map<String, String> withProxyCa(String pem) {
    Map<String, String> data = kubeadmData();
    data.put("requestheader-client-ca-file", pem);
    return data;
  }
}
