package dev.controlplanes.kamaji.konnectivity.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real etcd and kube-apiserver on 127.0.0.1 (binaries from {@code hack/build-upstream.sh}), with
 * an EgressSelectorConfiguration that sends "cluster" traffic through a konnectivity server's Unix
 * socket. {@link #kubectl} runs the installed kubectl as a cluster admin.
 */
public final class KubeApiServer implements AutoCloseable {

  private final Path dir;
  private final Process etcd;
  private final Process apiserver;
  public final Path kubeconfig;
  public final int port;

  private KubeApiServer(Path dir, Process etcd, Process apiserver, Path kubeconfig, int port) {
    this.dir = dir;
    this.etcd = etcd;
    this.apiserver = apiserver;
    this.kubeconfig = kubeconfig;
    this.port = port;
  }

  public static KubeApiServer start(Path dir, TestPki pki, Path egressSocket) throws Exception {
    Files.createDirectories(dir);
    pki.issue("admin", "/O=system:masters/CN=kamaji-test-admin", "extendedKeyUsage=clientAuth\n");
    pki.issue(
        "kubelet-client",
        "/O=system:masters/CN=kube-apiserver-kubelet-client",
        "extendedKeyUsage=clientAuth\n");
    Path saKey = pki.dir.resolve("sa.key");
    Path saPub = pki.dir.resolve("sa.pub");
    run(List.of("openssl", "genrsa", "-out", saKey.toString(), "2048"));
    run(List.of("openssl", "rsa", "-in", saKey.toString(), "-pubout", "-out", saPub.toString()));

    int etcdPort = Ports.free();
    Process etcd =
        Processes.start(
            List.of(
                Upstream.etcd().resolve("etcd").toString(),
                "--data-dir=" + dir.resolve("etcd"),
                "--listen-client-urls=http://127.0.0.1:" + etcdPort,
                "--advertise-client-urls=http://127.0.0.1:" + etcdPort,
                "--listen-peer-urls=http://127.0.0.1:" + Ports.free(),
                "--log-level=warn"),
            dir.resolve("etcd.log"));

    Path egress = dir.resolve("egress-selector-configuration.yaml");
    Files.writeString(
        egress,
        String.join(
            "\n",
            "apiVersion: apiserver.k8s.io/v1beta1",
            "kind: EgressSelectorConfiguration",
            "egressSelections:",
            "- name: cluster",
            "  connection:",
            "    proxyProtocol: GRPC",
            "    transport:",
            "      uds:",
            "        udsName: " + egressSocket,
            ""));
    int port = Ports.free();
    List<String> args =
        new ArrayList<>(
            List.of(
                Upstream.kubernetes().resolve("kube-apiserver").toString(),
                "--etcd-servers=http://127.0.0.1:" + etcdPort,
                "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1",
                "--secure-port=" + port,
                "--endpoint-reconciler-type=none",
                "--tls-cert-file=" + pki.serverCert,
                "--tls-private-key-file=" + pki.serverKey,
                "--client-ca-file=" + pki.caCert,
                "--service-account-issuer=https://kubernetes.default.svc",
                "--service-account-key-file=" + saPub,
                "--service-account-signing-key-file=" + saKey,
                "--service-cluster-ip-range=10.0.0.0/24",
                "--authorization-mode=RBAC",
                "--egress-selector-config-file=" + egress,
                "--kubelet-client-certificate=" + pki.dir.resolve("kubelet-client.crt"),
                "--kubelet-client-key=" + pki.dir.resolve("kubelet-client.key"),
                "--kubelet-preferred-address-types=InternalIP"));
    Process apiserver = Processes.start(args, dir.resolve("kube-apiserver.log"));

    Path kubeconfig = dir.resolve("admin.kubeconfig");
    Files.writeString(
        kubeconfig,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: test",
            "  cluster:",
            "    server: https://127.0.0.1:" + port,
            "    certificate-authority: " + pki.caCert,
            "users:",
            "- name: admin",
            "  user:",
            "    client-certificate: " + pki.dir.resolve("admin.crt"),
            "    client-key: " + pki.dir.resolve("admin.key"),
            "contexts:",
            "- name: test",
            "  context: {cluster: test, user: admin}",
            "current-context: test",
            ""));
    KubeApiServer k = new KubeApiServer(dir, etcd, apiserver, kubeconfig, port);
    try {
      k.awaitReady(Duration.ofSeconds(90));
    } catch (Exception e) {
      k.close();
      throw e;
    }
    return k;
  }

  private void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      if (!apiserver.isAlive()) {
        throw new IllegalStateException("kube-apiserver exited, see " + dir);
      }
      try {
        if (kubectl("get", "--raw=/readyz").strip().equals("ok")) {
          return;
        }
      } catch (IOException e) {
        last = e.getMessage();
      }
      Thread.sleep(1000);
    }
    String log = Files.readString(dir.resolve("kube-apiserver.log"));
    throw new IllegalStateException(
        "kube-apiserver not ready: "
            + last
            + "\n"
            + log.substring(Math.max(0, log.length() - 3000)));
  }

  /** Runs kubectl as the cluster admin; returns stdout, throws with stderr on failure. */
  public String kubectl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig=" + kubeconfig));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("kubectl " + String.join(" ", args) + " failed: " + err);
    }
    return new String(out);
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(cmd.get(0) + " failed: " + out);
    }
  }

  @Override
  public void close() {
    Processes.stop(apiserver);
    Processes.stop(etcd);
  }
}
