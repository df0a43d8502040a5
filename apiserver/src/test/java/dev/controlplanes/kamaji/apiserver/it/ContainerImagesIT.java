package dev.controlplanes.kamaji.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.controlplanes.kamaji.apiserver.testing.Kubectl;
import dev.controlplanes.kamaji.apiserver.testing.OciContainer;
import dev.controlplanes.kamaji.apiserver.testing.Samples;
import dev.controlplanes.kamaji.apiserver.tls.CertificateAuthority;
import dev.controlplanes.kamaji.konnectivity.testing.FrontendClient;
import dev.controlplanes.kamaji.konnectivity.testing.Ports;
import dev.controlplanes.kamaji.konnectivity.testing.TargetServer;
import dev.controlplanes.kamaji.konnectivity.testing.TestPki;
import dev.controlplanes.kamaji.konnectivity.testing.Upstream;
import dev.controlplanes.kamaji.konnectivity.testing.UpstreamAgent;
import dev.controlplanes.kamaji.storage.testing.EtcdExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container images of {@code hack/image/build.sh}, run as containers by runc the way a node
 * runs the manifests' Deployment and a tenant's konnectivity sidecar: this proves what a JVM
 * started from the build directory cannot, that the image's Java runtime (cut by jlink from
 * Debian's openjdk-17) and libraries load the server and Netty's native epoll and BoringSSL code,
 * that the classpath is whole, and that the entrypoints are those the manifests and controllers
 * name.
 */
class ContainerImagesIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension static final EtcdExtension etcd = new EtcdExtension();

  @TempDir Path dir;

  @Test
  void serverImageServesTheApiFromEtcd() throws Exception {
    Path certs = Files.createDirectories(dir.resolve("certs"));
    CertificateAuthority servingCa = CertificateAuthority.create("image-serving-ca");
    CertificateAuthority clientCa = CertificateAuthority.create("image-client-ca");
    servingCa
        .issueServer("localhost", "localhost", "127.0.0.1")
        .writePem(certs.resolve("tls.crt"), certs.resolve("tls.key"));
    Files.writeString(certs.resolve("client-ca.crt"), clientCa.certificatePem());
    Files.writeString(dir.resolve("ca.crt"), servingCa.certificatePem());
    clientCa
        .issueClient("admin", "system:masters")
        .writePem(dir.resolve("admin.crt"), dir.resolve("admin.key"));
    OciContainer.share(certs, false);
    int port = Ports.free();
    String prefix = etcd.prefix().substring(0, etcd.prefix().length() - 1);

    try (OciContainer server =
        OciContainer.run(
            OciContainer.image("apiserver"),
            dir.resolve("server"),
            List.of(
                "--bind-address=127.0.0.1",
                "--secure-port=" + port,
                "--etcd-servers=" + etcd.endpoint(),
                "--etcd-prefix=" + prefix,
                "--tls-cert-file=/etc/kamaji/serving/tls.crt",
                "--tls-private-key-file=/etc/kamaji/serving/tls.key",
                "--client-ca-file=/etc/kamaji/serving/client-ca.crt"),
            Map.of("/etc/kamaji/serving", certs))) {
      Kubectl admin = kubectl(port, "admin");
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(500))
          .failFast(
              "the container exited", () -> assertThat(server.isRunning()).as(server::log).isTrue())
          .until(() -> admin.run("get", "--raw", "/readyz").exitCode() == 0);

      admin.run(Map.of(), Samples.dataStore("default").toString(), "create", "-f", "-").assertOk();
      admin
          .run(Map.of(), Samples.tcp("default", "from-image").toString(), "create", "-f", "-")
          .assertOk();
      // Kamaji's defaulting, done by the server in the image.
      assertThat(
              admin
                  .run("get", "tcp", "from-image", "-o", "jsonpath={.spec.dataStore}")
                  .assertOk()
                  .stdout())
          .isEqualTo("default");
      assertThat(admin.run("get", "tcp", "-o", "name").assertOk().stdout())
          .contains("tenantcontrolplane.kamaji.clastix.io/from-image");
      // kubectl prompts for a password when a user has no credentials at all; a token nobody
      // issued gets the same 401 as an anonymous request.
      Kubectl.Result stranger = kubectl(port, null).run("get", "tcp");
      assertThat(stranger.exitCode()).isNotZero();
      assertThat(stranger.stderr()).contains("You must be logged in to the server");
    }
  }

  @Test
  void konnectivityImageProxiesThroughTheUpstreamAgent() throws Exception {
    TestPki pki = TestPki.create(dir.resolve("pki"));
    OciContainer.share(pki.dir, false);
    Path run = Files.createDirectories(dir.resolve("run"));
    OciContainer.share(run, true);
    Path socket = run.resolve("konnectivity-server.socket");
    int agentPort = Ports.free();
    int healthPort = Ports.free();

    try (TargetServer target = new TargetServer();
        OciContainer proxy =
            OciContainer.run(
                OciContainer.image("konnectivity-proxy"),
                dir.resolve("proxy"),
                List.of(
                    "--mode=grpc",
                    "--uds-name=/run/konnectivity/konnectivity-server.socket",
                    "--server-port=0",
                    "--agent-bind-address=127.0.0.1",
                    "--agent-port=" + agentPort,
                    "--health-bind-address=127.0.0.1",
                    "--health-port=" + healthPort,
                    "--admin-port=" + Ports.free(),
                    "--cluster-cert=/pki/server.crt",
                    "--cluster-key=/pki/server.key",
                    "--server-id=from-image",
                    "--server-count=1"),
                Map.of("/pki", pki.dir, "/run/konnectivity", run));
        UpstreamAgent agent =
            new UpstreamAgent(
                Upstream.konnectivity(), pki, agentPort, "agent-1", dir.resolve("agent.log"))) {
      await()
          .atMost(WAIT)
          .failFast(
              "the container exited", () -> assertThat(proxy.isRunning()).as(proxy::log).isTrue())
          .until(() -> Files.exists(socket));
      agent.start();
      // 200 once an agent is connected, through the health port of the image's server.
      HttpClient http = HttpClient.newHttpClient();
      URI readyz = URI.create("http://127.0.0.1:" + healthPort + "/readyz");
      await()
          .atMost(WAIT)
          .until(
              () ->
                  http.send(
                              HttpRequest.newBuilder(readyz).build(),
                              HttpResponse.BodyHandlers.discarding())
                          .statusCode()
                      == 200);

      int size = 4 << 20;
      try (FrontendClient client = new FrontendClient(socket)) {
        FrontendClient.Tunnel t = client.dial("127.0.0.1:" + target.port(), WAIT);
        t.write(TargetServer.bytesRequest(size));
        byte[] response = t.readToEnd(WAIT);
        assertThat(new String(response, 0, 12, StandardCharsets.US_ASCII))
            .isEqualTo("HTTP/1.1 200");
        assertThat(response.length).isGreaterThan(size);
        assertThat(TargetServer.hasBytesBody(response, size)).isTrue();
      }
      // The agent port's TLS came from netty-tcnative inside the image, not the JDK fallback.
      assertThat(proxy.log()).contains("TLS by BoringSSL");
    }
  }

  /** kubectl as {@code user} (a client certificate), or with a made-up token when null. */
  private Kubectl kubectl(int port, String user) throws IOException {
    String name = user == null ? "stranger" : user;
    StringBuilder kubeconfig =
        new StringBuilder(
            String.join(
                "\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: image",
                "  cluster:",
                "    server: https://127.0.0.1:" + port,
                "    certificate-authority: " + dir.resolve("ca.crt"),
                "contexts:",
                "- name: image",
                "  context:",
                "    cluster: image",
                "    user: " + name,
                "    namespace: default",
                "current-context: image",
                "users:",
                "- name: " + name,
                "  user:"));
    if (user != null) {
      kubeconfig
          .append("\n    client-certificate: ")
          .append(dir.resolve(user + ".crt"))
          .append("\n    client-key: ")
          .append(dir.resolve(user + ".key"));
    } else {
      kubeconfig.append("\n    token: not-issued-by-anyone");
    }
    kubeconfig.append('\n');
    Path file = dir.resolve(name + ".kubeconfig");
    Files.writeString(file, kubeconfig);
    return new Kubectl(file, dir.resolve("kubectl-cache-" + name));
  }
}
