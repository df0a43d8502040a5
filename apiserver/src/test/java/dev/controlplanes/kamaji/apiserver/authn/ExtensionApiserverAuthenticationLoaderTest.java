package dev.controlplanes.kamaji.apiserver.authn;

import static dev.controlplanes.kamaji.apiserver.authn.TestPki.CLIENT_CA;
import static dev.controlplanes.kamaji.apiserver.authn.TestPki.FRONT_PROXY_CA;
import static dev.controlplanes.kamaji.apiserver.authn.TestPki.UNTRUSTED_CA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtensionApiserverAuthenticationLoaderTest {

  static final String CONFIGMAP_PATH =
      "/api/v1/namespaces/kube-system/configmaps/extension-apiserver-authentication";

  /** What kube-apiserver writes with kubeadm's flags. */
  static Map<String, String> kubeadmData() {
    Map<String, String> data = new HashMap<>();
    data.put("client-ca-file", CLIENT_CA.certificatePem());
    data.put("requestheader-client-ca-file", FRONT_PROXY_CA.certificatePem());
    data.put("requestheader-allowed-names", "[\"front-proxy-client\"]");
    data.put("requestheader-username-headers", "[\"X-Remote-User\"]");
    data.put("requestheader-group-headers", "[\"X-Remote-Group\"]");
    data.put("requestheader-extra-headers-prefix", "[\"X-Remote-Extra-\"]");
    data.put("requestheader-uid-headers", "[\"X-Remote-Uid\"]");
    return data;
  }

  static StubKubeApiServer.Response configMap(Map<String, String> data) {
    Map<String, Object> configMap =
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "ConfigMap",
            "metadata",
            Map.of("name", "extension-apiserver-authentication", "namespace", "kube-system"),
            "data",
            data);
    return StubKubeApiServer.Response.ok(new Gson().toJson(configMap));
  }

  private final AtomicReference<StubKubeApiServer.Response> answer = new AtomicReference<>();
  private StubKubeApiServer server;
  @TempDir Path dir;

  @BeforeEach
  void startStub() throws Exception {
    server = new StubKubeApiServer().route("GET", CONFIGMAP_PATH, body -> answer.get());
    answer.set(configMap(kubeadmData()));
  }

  @AfterEach
  void stopStub() {
    server.close();
  }

  private AuthenticationConfig load(AuthenticationOptions options) {
    return new ExtensionApiserverAuthenticationLoader(server.apiClient(), options).load();
  }

  @Test
  void readsEveryKeyOfTheConfigMap() {
    AuthenticationConfig config = load(AuthenticationOptions.DEFAULT);

    assertThat(config.clientCa()).containsExactly(CLIENT_CA.certificate());
    assertThat(config.requestHeader())
        .contains(
            new RequestHeaderConfig(
                List.of(FRONT_PROXY_CA.certificate()),
                List.of("front-proxy-client"),
                List.of("X-Remote-User"),
                List.of("X-Remote-Uid"),
                List.of("X-Remote-Group"),
                List.of("X-Remote-Extra-")));
  }

  @Test
  void absentKeysMeanNoneNotFlagDefaults() {
    Map<String, String> data = kubeadmData();
    data.remove("requestheader-uid-headers");
    data.remove("requestheader-allowed-names");
    data.remove("client-ca-file");
    answer.set(configMap(data));

    AuthenticationConfig config = load(AuthenticationOptions.DEFAULT);

    assertThat(config.clientCa()).isEmpty();
    assertThat(config.requestHeader().orElseThrow().uidHeaders()).isEmpty();
    assertThat(config.requestHeader().orElseThrow().allowedNames()).isEmpty();
  }

  @Test
  void clientCaFileOverridesOnlyTheClientCa() throws Exception {
    Path clientCa = write("client-ca.crt", UNTRUSTED_CA.certificatePem());

    AuthenticationConfig config =
        load(AuthenticationOptions.builder().clientCaFile(clientCa).build());

    assertThat(config.clientCa()).containsExactly(UNTRUSTED_CA.certificate());
    assertThat(config.requestHeader().orElseThrow().clientCa())
        .containsExactly(FRONT_PROXY_CA.certificate());
  }

  @Test
  void requestHeaderCaFileReplacesTheWholeRequestHeaderBlock() throws Exception {
    Map<String, String> data = kubeadmData();
    data.put("requestheader-username-headers", "[\"X-Custom-User\"]");
    answer.set(configMap(data));
    Path proxyCa = write("front-proxy-ca.crt", UNTRUSTED_CA.certificatePem());

    AuthenticationConfig config =
        load(
            AuthenticationOptions.builder()
                .requestHeaderClientCaFile(proxyCa)
                .requestHeaderAllowedNames(List.of("aggregator"))
                .build());

    assertThat(config.clientCa()).containsExactly(CLIENT_CA.certificate());
    assertThat(config.requestHeader())
        .contains(
            new RequestHeaderConfig(
                List.of(UNTRUSTED_CA.certificate()),
                List.of("aggregator"),
                List.of("X-Remote-User"),
                List.of(),
                List.of("X-Remote-Group"),
                List.of("X-Remote-Extra-")));
  }

  @Test
  void explicitHeaderNamesApplyWithTheCaFile() throws Exception {
    Path proxyCa = write("front-proxy-ca.crt", FRONT_PROXY_CA.certificatePem());

    RequestHeaderConfig config =
        load(AuthenticationOptions.builder()
                .requestHeaderClientCaFile(proxyCa)
                .requestHeaderUsernameHeaders(List.of(" X-User "))
                .requestHeaderGroupHeaders(List.of("X-Groups"))
                .requestHeaderExtraHeadersPrefix(List.of("X-Extra-"))
                .requestHeaderUidHeaders(List.of("X-Uid"))
                .build())
            .requestHeader()
            .orElseThrow();

    assertThat(config.usernameHeaders()).containsExactly("X-User");
    assertThat(config.groupHeaders()).containsExactly("X-Groups");
    assertThat(config.extraHeaderPrefixes()).containsExactly("X-Extra-");
    assertThat(config.uidHeaders()).containsExactly("X-Uid");
  }

  @Test
  void bothCaFilesMeanTheConfigMapIsNotRead() throws Exception {
    Path clientCa = write("client-ca.crt", CLIENT_CA.certificatePem());
    Path proxyCa = write("front-proxy-ca.crt", FRONT_PROXY_CA.certificatePem());

    load(
        AuthenticationOptions.builder()
            .clientCaFile(clientCa)
            .requestHeaderClientCaFile(proxyCa)
            .requestHeaderAllowedNames(List.of("front-proxy-client"))
            .build());

    assertThat(server.requests()).isEmpty();
  }

  @Test
  void requestHeaderSettingsWithoutTheCaFileAreRejectedNotIgnored() {
    AuthenticationOptions options =
        AuthenticationOptions.builder().requestHeaderAllowedNames(List.of("x")).build();

    assertThatThrownBy(() -> load(options))
        .isInstanceOf(AuthenticationConfigException.class)
        .hasMessageContaining("need --requestheader-client-ca-file");
  }

  @Test
  void missingFrontProxyCaFailsStartupLoudly() {
    Map<String, String> data = Map.of("client-ca-file", CLIENT_CA.certificatePem());
    answer.set(configMap(data));

    assertThatThrownBy(() -> load(AuthenticationOptions.DEFAULT))
        .isInstanceOf(AuthenticationConfigException.class)
        .hasMessageStartingWith(
            "no requestheader client CA: configmap kube-system/extension-apiserver-authentication"
                + " has no requestheader-client-ca-file");
  }

  @Test
  void missingFrontProxyCaIsAcceptedOnlyWhenExplicitlyNotRequired() {
    answer.set(configMap(Map.of("client-ca-file", CLIENT_CA.certificatePem())));

    AuthenticationConfig config =
        load(AuthenticationOptions.builder().requestHeaderRequired(false).build());

    assertThat(config.requestHeader()).isEmpty();
    assertThat(config.clientCa()).containsExactly(CLIENT_CA.certificate());
  }

  @Test
  void missingConfigMapCountsAsEmpty() {
    server.route("GET", CONFIGMAP_PATH, body -> new StubKubeApiServer.Response(404, "{}"));

    assertThatThrownBy(() -> load(AuthenticationOptions.DEFAULT))
        .hasMessageStartingWith("no requestheader client CA");
  }

  @Test
  void unreadableConfigMapIsFatalUnlessTolerated() {
    answer.set(new StubKubeApiServer.Response(403, "{\"kind\":\"Status\",\"code\":403}"));

    assertThatThrownBy(() -> load(AuthenticationOptions.DEFAULT))
        .isInstanceOf(AuthenticationConfigException.class)
        .hasMessage(
            "cannot read configmap kube-system/extension-apiserver-authentication: HTTP 403");
    AuthenticationConfig tolerated =
        load(
            AuthenticationOptions.builder()
                .tolerateLookupFailure(true)
                .requestHeaderRequired(false)
                .build());
    assertThat(tolerated)
        .isEqualTo(new AuthenticationConfig(List.of(), java.util.Optional.empty()));
  }

  @Test
  void skipLookupNeverAsksTheCluster() throws Exception {
    Path proxyCa = write("front-proxy-ca.crt", FRONT_PROXY_CA.certificatePem());

    AuthenticationConfig config =
        load(
            AuthenticationOptions.builder()
                .skipLookup(true)
                .requestHeaderClientCaFile(proxyCa)
                .build());

    assertThat(server.requests()).isEmpty();
    assertThat(config.clientCa()).isEmpty();
  }

  @Test
  void malformedValuesAreReportedWithTheirKey() {
    Map<String, String> data = kubeadmData();
    data.put("requestheader-allowed-names", "front-proxy-client");
    answer.set(configMap(data));

    assertThatThrownBy(() -> load(AuthenticationOptions.DEFAULT))
        .isInstanceOf(AuthenticationConfigException.class)
        .hasMessageContaining("key requestheader-allowed-names is not a JSON string array");

    data.put("requestheader-allowed-names", "[\"front-proxy-client\"]");
    data.put("requestheader-client-ca-file", "garbage");
    answer.set(configMap(data));
    assertThatThrownBy(() -> load(AuthenticationOptions.DEFAULT))
        .hasMessageContaining("key requestheader-client-ca-file: PEM data: no PEM certificate");
  }

  @Test
  void sameCaForClientsAndProxyNeedsAllowedNames() {
    Map<String, String> data = kubeadmData();
    data.put("requestheader-client-ca-file", CLIENT_CA.certificatePem());
    data.put("requestheader-allowed-names", "[]");
    answer.set(configMap(data));

    assertThatThrownBy(() -> load(AuthenticationOptions.DEFAULT))
        .isInstanceOf(AuthenticationConfigException.class)
        .hasMessageContaining("could impersonate any user");
  }

  @Test
  void withoutClusterUsesTheFilesOnly() throws Exception {
    Path clientCa = write("client-ca.crt", CLIENT_CA.certificatePem());
    Path proxyCa = write("front-proxy-ca.crt", FRONT_PROXY_CA.certificatePem());

    AuthenticationConfig config =
        ExtensionApiserverAuthenticationLoader.withoutCluster(
                AuthenticationOptions.builder()
                    .clientCaFile(clientCa)
                    .requestHeaderClientCaFile(proxyCa)
                    .build())
            .load();

    assertThat(config.clientCa()).containsExactly(CLIENT_CA.certificate());
    assertThat(config.requestHeader().orElseThrow().clientCa())
        .containsExactly(FRONT_PROXY_CA.certificate());
  }

  @Test
  void unreadableFileNamesTheFlag() {
    Path missing = dir.resolve("missing.crt");

    assertThatThrownBy(
            () -> load(AuthenticationOptions.builder().requestHeaderClientCaFile(missing).build()))
        .isInstanceOf(AuthenticationConfigException.class)
        .hasMessageStartingWith("--requestheader-client-ca-file: ");
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }
}
