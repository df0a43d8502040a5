package dev.controlplanes.kamaji.controllers.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.api.v1alpha1.DataStoreDriver;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.storage.testing.EtcdServer;
import dev.controlplanes.kamaji.storage.testing.UpstreamBinaries;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.apis.RbacAuthorizationV1Api;
import io.kubernetes.client.openapi.models.V1DaemonSet;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The builders' objects pass a real kube-apiserver's validation (server-side dry-run create, as
 * Kamaji's webhook does for user-supplied containers and volumes): names, ports, volume references
 * and probes are all well formed.
 */
class BuildersDryRunIT {

  private static final String NAMESPACE = "tenants";

  private static EtcdServer etcd;
  private static Process apiServer;
  private static Path dir;
  private static ApiClient client;

  @BeforeAll
  static void startApiServer() throws Exception {
    etcd = EtcdServer.start();
    dir = Files.createTempDirectory("kamaji-dryrun-");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair sa = generator.generateKeyPair();
    Path saKey = write("sa.key", pem("PRIVATE KEY", sa.getPrivate().getEncoded()));
    Path saPub = write("sa.pub", pem("PUBLIC KEY", sa.getPublic().getEncoded()));
    String token = UUID.randomUUID().toString();
    Path tokens = write("tokens.csv", token + ",admin,admin,system:masters\n");
    int port = freePort();
    apiServer =
        new ProcessBuilder(
                UpstreamBinaries.directory("kubernetes").resolve("kube-apiserver").toString(),
                "--etcd-servers=" + etcd.clientUrl(),
                "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1",
                "--secure-port=" + port,
                "--cert-dir=" + dir.resolve("certs"),
                "--token-auth-file=" + tokens,
                "--authorization-mode=RBAC",
                "--service-account-issuer=https://kubernetes.default.svc",
                "--service-account-key-file=" + saPub,
                "--service-account-signing-key-file=" + saKey,
                "--service-cluster-ip-range=10.0.0.0/24",
                "--enable-priority-and-fairness=false")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("kube-apiserver.log").toFile())
            .start();
    client = new ApiClient().setBasePath("https://127.0.0.1:" + port).setVerifyingSsl(false);
    client.addDefaultHeader("Authorization", "Bearer " + token);
    awaitReady();
    new CoreV1Api(client)
        .createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(NAMESPACE)))
        .execute();
  }

  @AfterAll
  static void stop() throws Exception {
    if (apiServer != null) {
      apiServer.destroy();
      if (!apiServer.waitFor(20, TimeUnit.SECONDS)) {
        apiServer.destroyForcibly().waitFor();
      }
    }
    if (etcd != null) {
      etcd.close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void everythingForAKineTenantWithKonnectivityIsValid() throws ApiException {
    TenantControlPlane tcp =
        Fixtures.tcpWithSpec(
            "  controlPlane:\n"
                + "    deployment:\n"
                + "      additionalContainers: [{name: side, image: busybox}]\n"
                + "      additionalInitContainers: [{name: prepare, image: busybox}]\n"
                + "      additionalVolumes: [{name: audit, emptyDir: {}}]\n"
                + "      additionalVolumeMounts: {apiServer: [{name: audit, mountPath: /var/log/audit}]}\n"
                + "      topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway}]\n"
                + "      probes: {liveness: {failureThreshold: 5}}\n"
                + "    service:\n"
                + "      serviceType: NodePort\n"
                + "      additionalPorts: [{name: metrics, port: 9100, targetPort: 9100}]\n"
                + "    ingress: {hostname: \"tenant-a.example.org:443\", ingressClassName: nginx}\n"
                + "  kubernetes: {version: v1.35.7, kubelet: {}}\n"
                + "  networkProfile: {port: 31443, address: 192.168.1.10, allowAddressAsExternalIP: true}\n"
                + "  addons: {konnectivity: {server: {port: 31132}}}\n");
    ResolvedFacts facts =
        Fixtures.kine(DataStoreDriver.POSTGRESQL, true, true).withAddress("192.168.1.10");

    CoreV1Api core = new CoreV1Api(client);
    V1Deployment deployment =
        new AppsV1Api(client)
            .createNamespacedDeployment(NAMESPACE, ControlPlaneDeployment.build(tcp, facts))
            .dryRun("All")
            .execute();
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).hasSize(6);
    assertThat(
            core.createNamespacedService(NAMESPACE, ControlPlaneService.build(tcp, facts))
                .dryRun("All")
                .execute()
                .getSpec()
                .getPorts())
        .hasSize(3);
    core.createNamespacedConfigMap(NAMESPACE, KubeadmConfig.build(tcp, facts))
        .dryRun("All")
        .execute();
    core.createNamespacedConfigMap(NAMESPACE, KonnectivityEgressSelector.build(tcp))
        .dryRun("All")
        .execute();
    core.createNamespacedSecret(
            NAMESPACE,
            DataStoreConfigSecret.build(tcp, facts, "pw".getBytes(StandardCharsets.UTF_8)))
        .dryRun("All")
        .execute();
    new NetworkingV1Api(client)
        .createNamespacedIngress(NAMESPACE, ControlPlaneIngress.build(tcp))
        .dryRun("All")
        .execute();
  }

  @Test
  void etcdTenantDeploymentAndLoadBalancerServiceAreValid() throws ApiException {
    TenantControlPlane tcp = Fixtures.basic();
    V1Deployment deployment =
        new AppsV1Api(client)
            .createNamespacedDeployment(
                NAMESPACE, ControlPlaneDeployment.build(tcp, Fixtures.etcd()))
            .dryRun("All")
            .execute();
    assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
        .extracting(v -> v.getName())
        .contains("etc-kubernetes-pki");
    new CoreV1Api(client)
        .createNamespacedService(NAMESPACE, ControlPlaneService.build(tcp, Fixtures.etcd()))
        .dryRun("All")
        .execute();
  }

  @Test
  void konnectivityAgentObjectsAreValidInBothModes() throws ApiException {
    TenantControlPlane daemonSet =
        Fixtures.tcpWithSpec(
            "  kubernetes: {version: v1.35.7, kubelet: {}}\n"
                + "  addons: {konnectivity: {agent: {hostNetwork: true, extraArgs: [--v=2],"
                + " tolerations: [{key: CriticalAddonsOnly, operator: Exists}]}}}\n");
    TenantControlPlane deployment =
        Fixtures.tcpWithSpec(
            "  kubernetes: {version: v1.35.7, kubelet: {}}\n"
                + "  addons: {konnectivity: {agent: {mode: Deployment, replicas: 3}}}\n");

    new CoreV1Api(client)
        .createNamespacedServiceAccount(
            KonnectivityAgent.NAMESPACE, KonnectivityAgent.serviceAccount(daemonSet))
        .dryRun("All")
        .execute();
    new RbacAuthorizationV1Api(client)
        .createClusterRoleBinding(KonnectivityAgent.clusterRoleBinding(daemonSet))
        .dryRun("All")
        .execute();
    V1DaemonSet agents =
        new AppsV1Api(client)
            .createNamespacedDaemonSet(
                KonnectivityAgent.NAMESPACE,
                (V1DaemonSet) KonnectivityAgent.workload(daemonSet, "192.168.1.10"))
            .dryRun("All")
            .execute();
    assertThat(agents.getSpec().getTemplate().getSpec().getHostNetwork()).isTrue();
    V1Deployment replicated =
        new AppsV1Api(client)
            .createNamespacedDeployment(
                KonnectivityAgent.NAMESPACE,
                (V1Deployment) KonnectivityAgent.workload(deployment, "192.168.1.10"))
            .dryRun("All")
            .execute();
    assertThat(replicated.getSpec().getReplicas()).isEqualTo(3);
  }

  private static void awaitReady() throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    ApiException last = null;
    while (Instant.now().isBefore(deadline)) {
      if (!apiServer.isAlive()) {
        throw new IllegalStateException(
            "kube-apiserver exited; see " + dir.resolve("kube-apiserver.log"));
      }
      try {
        new CoreV1Api(client).listNamespace().execute();
        // the default ServiceAccount controller is not running; RBAC bootstrap is what we wait for
        return;
      } catch (ApiException e) {
        last = e;
        Thread.sleep(500);
      }
    }
    throw new IllegalStateException("kube-apiserver not ready", last);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
