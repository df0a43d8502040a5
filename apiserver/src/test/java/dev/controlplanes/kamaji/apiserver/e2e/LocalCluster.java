package dev.controlplanes.kamaji.apiserver.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.apiserver.testing.Kubectl;
import dev.controlplanes.kamaji.storage.testing.EtcdServer;
import dev.controlplanes.kamaji.storage.testing.UpstreamBinaries;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real management cluster (etcd, kube-apiserver with aggregation, kube-controller-manager,
 * kube-scheduler) with our API server behind it, started by the project's own {@code
 * hack/local-up.sh} in a private directory and on private ports, once per test run.
 */
public final class LocalCluster implements AutoCloseable {

  /**
   * The server's {@code --tenant-resync-period} in the test cluster: longer than any test, so that
   * repairs inside tenants that tests check come from the tenant-side watches.
   */
  static final String TENANT_RESYNC = "30m";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalCluster.class);

  /** The tenants' etcd (the `default` DataStore) and its administrator's credentials. */
  public record DataStoreEtcd(String endpoint, Path ca, Path rootCertificate, Path rootKey) {}

  private final Path root;
  private final Path state;
  private final int portBase;
  private final int apiPort;
  private final Path kubeconfig;

  private LocalCluster(Path root, Path state, int portBase, int apiPort, Path kubeconfig) {
    this.root = root;
    this.state = state;
    this.portBase = portBase;
    this.apiPort = apiPort;
    this.kubeconfig = kubeconfig;
  }

  /** The cluster of this test run, started on first use and stopped when the run ends. */
  public static LocalCluster get(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(LocalCluster.class, k -> start(), LocalCluster.class);
  }

  private static LocalCluster start() {
    try {
      Path root = repositoryRoot();
      Path state = Files.createTempDirectory("kamaji-e2e-cluster");
      int base = freePortRange(9);
      int apiPort = base + 9;
      ProcessBuilder up =
          new ProcessBuilder(root.resolve("hack/local-up.sh").toString())
              .redirectError(state.resolve("local-up.log").toFile());
      up.environment().put("KAMAJI_LOCAL_DIR", state.toString());
      up.environment().put("KAMAJI_PORT_BASE", Integer.toString(base));
      up.environment().put("KAMAJI_API_PORT", Integer.toString(apiPort));
      up.environment().put("KAMAJI_API_ARGS", "--tenant-resync-period=" + TENANT_RESYNC);
      up.environment().remove("KUBECONFIG");
      Process process = up.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
        String log = Files.readString(state.resolve("local-up.log"));
        stop(root, state); // what did start must not linger
        throw new IllegalStateException("hack/local-up.sh failed: " + log);
      }
      String last = out.strip().lines().reduce((a, b) -> b).orElse("");
      if (!last.startsWith("export KUBECONFIG=")) {
        throw new IllegalStateException("unexpected local-up output: " + out);
      }
      Path kubeconfig = Path.of(last.substring("export KUBECONFIG=".length()));
      return new LocalCluster(root, state, base, apiPort, kubeconfig);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  /**
   * The kubeconfig of our server's identity in the management cluster (its ServiceAccount's name
   * and RBAC), as a pod running with that ServiceAccount would reach kube-apiserver.
   */
  public Path serverKubeconfig() {
    return state.resolve("kamaji-api.kubeconfig");
  }

  /** kubectl as the cluster admin (system:masters), through kube-apiserver. */
  public Kubectl kubectl() {
    return new Kubectl(kubeconfig, state.resolve("kubectl-cache"));
  }

  /** Our server's own URL, for requests that bypass kube-apiserver. */
  public String apiServerUrl() {
    return "https://127.0.0.1:" + apiPort;
  }

  /** The CA of our server's serving certificate. */
  public Path apiServerCa() {
    return state.resolve("certs/kamaji-serving-ca.crt");
  }

  /** The etcd behind the `default` DataStore (port base+7 in hack/local-up.sh). */
  public DataStoreEtcd dataStoreEtcd() {
    Path certs = state.resolve("certs");
    return new DataStoreEtcd(
        "https://127.0.0.1:" + (portBase + 7),
        certs.resolve("datastore-ca.crt"),
        certs.resolve("datastore-root.crt"),
        certs.resolve("datastore-root.key"));
  }

  /**
   * Another etcd like the tenants etcd: TLS with the same CA and server certificate, client
   * certificates and authentication on, the same root user; stopped by the caller.
   */
  public EtcdServer startEtcdLikeTenants() throws IOException {
    DataStoreEtcd tenants = dataStoreEtcd();
    Path certs = tenants.ca().getParent();
    return EtcdServer.start(
        new EtcdServer.Tls(
            tenants.ca(),
            certs.resolve("datastore-server.crt"),
            certs.resolve("datastore-server.key")),
        new EtcdServer.RootClient(tenants.rootCertificate(), tenants.rootKey()));
  }

  /**
   * Creates the DataStore {@code name} with the spec of {@code default} (its CA and credentials),
   * at {@code endpoint} or, when null, at the same etcd, and waits until it is Ready.
   */
  public void createDataStoreLikeDefault(String name, String endpoint) {
    Kubectl kubectl = kubectl();
    JsonObject spec =
        JsonParser.parseString(
                kubectl.run("get", "datastore", "default", "-o", "json").assertOk().stdout())
            .getAsJsonObject()
            .getAsJsonObject("spec");
    if (endpoint != null) {
      JsonArray endpoints = new JsonArray();
      endpoints.add(endpoint);
      spec.add("endpoints", endpoints);
    }
    JsonObject metadata = new JsonObject();
    metadata.addProperty("name", name);
    JsonObject dataStore = new JsonObject();
    dataStore.addProperty("apiVersion", "kamaji.clastix.io/v1alpha1");
    dataStore.addProperty("kind", "DataStore");
    dataStore.add("metadata", metadata);
    dataStore.add("spec", spec);
    kubectl.run(Map.of(), dataStore.toString(), "create", "-f", "-").assertOk();
    kubectl
        .run("wait", "datastore/" + name, "--for=jsonpath={.status.ready}=true", "--timeout=60s")
        .assertOk();
  }

  /** The directory of a pinned upstream component's binaries (built once, then cached). */
  /**
   * etcdctl against an etcd that trusts the tenants etcd's CA, as its root user; the output's
   * non-blank lines.
   */
  public List<String> etcdctl(String endpoint, String... args) throws Exception {
    DataStoreEtcd etcd = dataStoreEtcd();
    List<String> command =
        new ArrayList<>(
            List.of(
                upstream("etcd").resolve("etcdctl").toString(),
                "--endpoints=" + endpoint,
                "--cacert=" + etcd.ca(),
                "--cert=" + etcd.rootCertificate(),
                "--key=" + etcd.rootKey()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError("etcdctl " + String.join(" ", args) + " failed: " + out);
    }
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  public Path upstream(String component) {
    return UpstreamBinaries.directory(component);
  }

  /** The checkout the cluster was started from. */
  public Path checkout() {
    return root;
  }

  public Path log(String process) {
    return state.resolve("logs/" + process + ".log");
  }

  @Override
  public void close() throws Exception {
    // JUnit closes AutoCloseable values of the root store when the run ends.
    stop(root, state);
  }

  private static void stop(Path root, Path state) throws IOException, InterruptedException {
    ProcessBuilder down =
        new ProcessBuilder(root.resolve("hack/local-down.sh").toString(), "--purge")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    down.environment().put("KAMAJI_LOCAL_DIR", state.toString());
    down.start().waitFor(60, TimeUnit.SECONDS);
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("hack/local-up.sh"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("hack/local-up.sh not found above the working directory");
    }
    return dir;
  }

  /**
   * A run of {@code count + 1} consecutive free loopback ports (base .. base+count), below Linux's
   * ephemeral range (32768+), where outgoing connections of other processes would take them between
   * this probe and the servers' binds.
   */
  private static int freePortRange(int count) throws IOException {
    java.util.Random random = new java.util.Random();
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = 20000 + random.nextInt(12000 - count);
      boolean free = true;
      for (int p = base; p <= base + count && free; p++) {
        try (ServerSocket s = new ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
          s.setReuseAddress(true);
        } catch (IOException e) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IOException("no free port range");
  }
}
