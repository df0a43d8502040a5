package dev.controlplanes.kamaji.controllers.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.storage.testing.EtcdServer;
import dev.controlplanes.kamaji.storage.testing.UpstreamBinaries;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AuthenticationV1Api;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.AuthenticationV1TokenRequest;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1SelfSubjectReview;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1TokenRequestSpec;
import io.kubernetes.client.openapi.models.V1UserInfo;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.kubernetes.client.util.credentials.AccessTokenAuthentication;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real consumers accept a PKI issued with either algorithm (ECDSA P-256 is the default): etcd
 * 3.6 and kube-apiserver 1.34 (serving certificate, client CA, front-proxy CA and client, ES256
 * service-account tokens, etcd client certificate signed by a DataStore CA), and
 * kube-controller-manager and kube-scheduler through their kubeconfigs. Identities are read back
 * with SelfSubjectReview.
 */
class ControlPlaneIT {

  private static final String TCP = "tenant-00";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final List<Process> processes = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private EtcdServer etcd;
  private Path dir;

  @AfterEach
  void stop() throws InterruptedException {
    names.clear();
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    processes.clear();
    if (etcd != null) {
      etcd.close();
      etcd = null;
    }
    PkiFiles.deleteRecursively(dir);
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void kubernetesComponentsAcceptThePki(KeyAlgorithm algorithm) throws Exception {
    dir = Files.createTempDirectory("kamaji-pki-control-plane-");
    Instant now = Instant.now();

    // A DataStore CA, an etcd serving certificate from it, and etcd over mutual TLS.
    CertificateBundle dataStoreCa =
        CertificateIssuer.selfSignedCa(
            CertificateSpec.ca("etcd-ca", now.minusSeconds(300), now.plus(Duration.ofDays(1))),
            algorithm);
    CertificateBundle etcdServing =
        CertificateIssuer.issue(
            new CertificateSpec(
                "etcd",
                List.of(),
                List.of("localhost"),
                List.of(InetAddress.getByName("127.0.0.1")),
                Set.of(CertificateSpec.Usage.SERVER_AUTH, CertificateSpec.Usage.CLIENT_AUTH),
                false,
                now.minusSeconds(300),
                now.plus(Duration.ofDays(1))),
            algorithm,
            dataStoreCa);
    Path etcdDir = Files.createDirectories(dir.resolve("etcd"));
    Files.write(etcdDir.resolve("ca.crt"), dataStoreCa.certificatePem());
    Files.write(etcdDir.resolve("server.crt"), etcdServing.certificatePem());
    Files.write(etcdDir.resolve("server.key"), etcdServing.privateKeyPem());
    etcd =
        EtcdServer.start(
            new EtcdServer.Tls(
                etcdDir.resolve("ca.crt"),
                etcdDir.resolve("server.crt"),
                etcdDir.resolve("server.key")));

    // The tenant PKI for an API server on 127.0.0.1.
    int port = freePort();
    TenantCertificates certificates =
        new TenantCertificates(
            TenantPkiParameters.of(
                    TCP, "tenants", "cluster.local", List.of("10.96.0.0/16"), "127.0.0.1", port)
                .withAlgorithm(algorithm)
                .withClock(Clock.systemUTC()));
    List<SecretContent> pki = new ArrayList<>(certificates.issueAll());
    pki.add(
        TenantCertificates.datastoreCertificate(
            TCP, TCP, dataStoreCa, algorithm, Clock.systemUTC()));
    PkiFiles.write(dir, pki);
    Map<PkiSecret, SecretContent> bySecret =
        pki.stream().collect(Collectors.toMap(SecretContent::secret, Function.identity()));

    Path binaries = UpstreamBinaries.directory("kubernetes");
    start(
        "kube-apiserver",
        binaries.resolve("kube-apiserver").toString(),
        "--etcd-servers=" + etcd.clientUrl(),
        "--etcd-cafile=" + file(PkiSecret.DATASTORE_CERTIFICATE, "ca.crt"),
        "--etcd-certfile=" + file(PkiSecret.DATASTORE_CERTIFICATE, "server.crt"),
        "--etcd-keyfile=" + file(PkiSecret.DATASTORE_CERTIFICATE, "server.key"),
        "--etcd-prefix=/" + TCP,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        "--secure-port=" + port,
        "--cert-dir=" + dir.resolve("apiserver-cert-dir"),
        "--tls-cert-file=" + file(PkiSecret.API_SERVER, "apiserver.crt"),
        "--tls-private-key-file=" + file(PkiSecret.API_SERVER, "apiserver.key"),
        "--client-ca-file=" + file(PkiSecret.CA, "ca.crt"),
        "--kubelet-client-certificate="
            + file(PkiSecret.API_SERVER_KUBELET_CLIENT, "apiserver-kubelet-client.crt"),
        "--kubelet-client-key="
            + file(PkiSecret.API_SERVER_KUBELET_CLIENT, "apiserver-kubelet-client.key"),
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--service-account-key-file=" + file(PkiSecret.SERVICE_ACCOUNT, "sa.pub"),
        "--service-account-signing-key-file=" + file(PkiSecret.SERVICE_ACCOUNT, "sa.key"),
        "--service-cluster-ip-range=10.96.0.0/16",
        "--authorization-mode=Node,RBAC",
        "--requestheader-client-ca-file=" + file(PkiSecret.FRONT_PROXY_CA, "front-proxy-ca.crt"),
        "--requestheader-allowed-names=front-proxy-client",
        "--requestheader-username-headers=X-Remote-User",
        "--requestheader-group-headers=X-Remote-Group",
        "--requestheader-extra-headers-prefix=X-Remote-Extra-",
        "--proxy-client-cert-file=" + file(PkiSecret.FRONT_PROXY_CLIENT, "front-proxy-client.crt"),
        "--proxy-client-key-file=" + file(PkiSecret.FRONT_PROXY_CLIENT, "front-proxy-client.key"),
        "--endpoint-reconciler-type=none");

    // client-java on super-admin.conf: verifies the serving certificate (IP SAN 127.0.0.1).
    ApiClient superAdmin = client(bySecret.get(PkiSecret.ADMIN_KUBECONFIG), "super-admin.conf");
    String server = "https://127.0.0.1:" + port;
    assertThat(
            Kubeconfigs.parse(bySecret.get(PkiSecret.ADMIN_KUBECONFIG).data().get("admin.conf"))
                .server())
        .isEqualTo(server);
    awaitReady(superAdmin, server);

    assertIdentity(superAdmin, "kubernetes-super-admin", "system:masters");
    assertIdentity(
        client(bySecret.get(PkiSecret.ADMIN_KUBECONFIG), "admin.conf"),
        "kubernetes-admin",
        "kubeadm:cluster-admins");
    assertIdentity(
        client(bySecret.get(PkiSecret.KONNECTIVITY_KUBECONFIG), "konnectivity-server.conf"),
        "system:konnectivity-server",
        "system:masters");
    assertIdentity(
        client(bySecret.get(PkiSecret.CONTROLLER_MANAGER_KUBECONFIG), "controller-manager.conf"),
        "system:kube-controller-manager",
        null);
    assertIdentity(
        client(bySecret.get(PkiSecret.SCHEDULER_KUBECONFIG), "scheduler.conf"),
        "system:kube-scheduler",
        null);

    // A service-account token signed with sa.key (ES256 for ECDSA) authenticates.
    CoreV1Api core = new CoreV1Api(superAdmin);
    core.createNamespacedServiceAccount(
            "default", new V1ServiceAccount().metadata(new V1ObjectMeta().name("probe")))
        .execute();
    String token =
        core.createNamespacedServiceAccountToken(
                "probe",
                "default",
                new AuthenticationV1TokenRequest()
                    .spec(new V1TokenRequestSpec().audiences(List.of())))
            .execute()
            .getStatus()
            .getToken();
    String header =
        new String(
            Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
            StandardCharsets.UTF_8);
    assertThat(header).contains(algorithm == KeyAlgorithm.ECDSA_P256 ? "\"ES256\"" : "\"RS256\"");
    ApiClient serviceAccount =
        new ClientBuilder()
            .setBasePath(server)
            .setCertificateAuthority(bySecret.get(PkiSecret.CA).data().get("ca.crt"))
            .setAuthentication(new AccessTokenAuthentication(token))
            .build();
    assertIdentity(serviceAccount, "system:serviceaccount:default:probe", "system:serviceaccounts");

    // The front-proxy client certificate asserts another user through request headers.
    assertThat(frontProxyReview(bySecret, server, "alice"))
        .contains("\"username\":\"alice\"")
        .contains("\"devs\"");

    // kube-controller-manager and kube-scheduler run on their kubeconfigs and take their leases.
    start(
        "kube-controller-manager",
        binaries.resolve("kube-controller-manager").toString(),
        "--kubeconfig=" + file(PkiSecret.CONTROLLER_MANAGER_KUBECONFIG, "controller-manager.conf"),
        "--authentication-kubeconfig="
            + file(PkiSecret.CONTROLLER_MANAGER_KUBECONFIG, "controller-manager.conf"),
        "--authorization-kubeconfig="
            + file(PkiSecret.CONTROLLER_MANAGER_KUBECONFIG, "controller-manager.conf"),
        "--bind-address=127.0.0.1",
        "--secure-port=" + freePort(),
        "--leader-elect=true",
        "--service-account-private-key-file=" + file(PkiSecret.SERVICE_ACCOUNT, "sa.key"),
        "--root-ca-file=" + file(PkiSecret.CA, "ca.crt"),
        "--cluster-signing-cert-file=" + file(PkiSecret.CA, "ca.crt"),
        "--cluster-signing-key-file=" + file(PkiSecret.CA, "ca.key"),
        "--use-service-account-credentials=true",
        "--controllers=serviceaccount-controller,serviceaccount-token-controller,"
            + "root-ca-certificate-publisher-controller,certificatesigningrequest-signing-controller");
    start(
        "kube-scheduler",
        binaries.resolve("kube-scheduler").toString(),
        "--kubeconfig=" + file(PkiSecret.SCHEDULER_KUBECONFIG, "scheduler.conf"),
        "--authentication-kubeconfig=" + file(PkiSecret.SCHEDULER_KUBECONFIG, "scheduler.conf"),
        "--authorization-kubeconfig=" + file(PkiSecret.SCHEDULER_KUBECONFIG, "scheduler.conf"),
        "--bind-address=127.0.0.1",
        "--secure-port=" + freePort(),
        "--leader-elect=true");
    CoordinationV1Api coordination = new CoordinationV1Api(superAdmin);
    await(
        "kube-controller-manager lease",
        () -> coordination.readNamespacedLease("kube-controller-manager", "kube-system").execute());
    await(
        "kube-scheduler lease",
        () -> coordination.readNamespacedLease("kube-scheduler", "kube-system").execute());
    core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name("probe"))).execute();
    await(
        "default ServiceAccount made by kube-controller-manager",
        () -> core.readNamespacedServiceAccount("default", "probe").execute());
    String publishedCa =
        await(
                "kube-root-ca.crt published by kube-controller-manager",
                () -> core.readNamespacedConfigMap("kube-root-ca.crt", "probe").execute())
            .getData()
            .get("ca.crt");
    assertThat(publishedCa.getBytes(StandardCharsets.UTF_8))
        .isEqualTo(bySecret.get(PkiSecret.CA).data().get("ca.crt"));
  }

  private String frontProxyReview(Map<PkiSecret, SecretContent> pki, String server, String user)
      throws Exception {
    CertificateBundle client = pki.get(PkiSecret.FRONT_PROXY_CLIENT).bundle();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    char[] password = "unused".toCharArray();
    keys.setKeyEntry(
        "client", client.keys().getPrivate(), password, new Certificate[] {client.certificate()});
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, password);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", pki.get(PkiSecret.CA).bundle().certificate());
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(server + "/apis/authentication.k8s.io/v1/selfsubjectreviews"))
                .header("Content-Type", "application/json")
                .header("X-Remote-User", user)
                .header("X-Remote-Group", "devs")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return response.body();
  }

  private static void assertIdentity(ApiClient client, String user, String group) throws Exception {
    V1UserInfo info =
        new AuthenticationV1Api(client)
            .createSelfSubjectReview(
                new V1SelfSubjectReview()
                    .apiVersion("authentication.k8s.io/v1")
                    .kind("SelfSubjectReview"))
            .execute()
            .getStatus()
            .getUserInfo();
    assertThat(info.getUsername()).isEqualTo(user);
    assertThat(info.getGroups()).contains("system:authenticated");
    if (group != null) {
      assertThat(info.getGroups()).contains(group);
    }
  }

  private static ApiClient client(SecretContent secret, String key) throws IOException {
    String yaml = new String(secret.data().get(key), StandardCharsets.UTF_8);
    return ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(new StringReader(yaml))).build();
  }

  private void awaitReady(ApiClient client, String server) throws Exception {
    await(
        "kube-apiserver /readyz",
        () -> {
          try (okhttp3.Response response =
              client
                  .getHttpClient()
                  .newCall(new okhttp3.Request.Builder().url(server + "/readyz").build())
                  .execute()) {
            if (response.code() != 200) {
              throw new IllegalStateException("readyz " + response.code());
            }
            return response.code();
          }
        });
  }

  private <T> T await(String what, Callable<T> probe) throws Exception {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    Exception last = null;
    while (Instant.now().isBefore(deadline)) {
      for (int i = 0; i < processes.size(); i++) {
        if (!processes.get(i).isAlive()) {
          throw new IllegalStateException(names.get(i) + " exited:\n" + tail(names.get(i)));
        }
      }
      try {
        return probe.call();
      } catch (Exception e) {
        last = e;
        Thread.sleep(500);
      }
    }
    throw new IllegalStateException("timed out waiting for " + what + "; logs in " + dir, last);
  }

  /** The end of a component's log (kube components never log key material). */
  private String tail(String name) throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private void start(String name, String... command) throws IOException {
    names.add(name);
    Path log = dir.resolve(name + ".log");
    processes.add(
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
  }

  private Path file(PkiSecret secret, String key) {
    return PkiFiles.file(dir, secret, TCP, key);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
