package dev.controlplanes.kamaji.apiserver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.apiserver.testing.Kubectl;
import dev.controlplanes.kamaji.apiserver.testing.OciContainer;
import dev.controlplanes.kamaji.storage.testing.EtcdServer;
import dev.controlplanes.kamaji.storage.testing.MariaDbServer;
import dev.controlplanes.kamaji.storage.testing.PostgresServer;
import dev.controlplanes.kamaji.storage.testing.SqlTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live datastore migration (Kamaji §4.1), end to end: a running tenant control plane (the generated
 * Deployment as processes, as in {@link TenantControlPlaneRunE2E}) on the cluster's tenants etcd
 * has its {@code spec.dataStore} changed to a second etcd. The controllers make the TCP Migrating,
 * freeze the tenant through its own API server and start the migration Job; the test runs that
 * Job's command line as a process with the server's identity (no container runs here) and lets kwok
 * finish the Job's pod, so the real Job controller completes the Job. The control plane is then
 * restarted from the rolled Deployment and serves the tenant's objects from the second etcd,
 * writable again.
 */
class MigrationE2E {

  @RegisterExtension
  static final org.junit.jupiter.api.extension.BeforeAllCallback CLUSTER =
      context -> cluster = LocalCluster.get(context);

  /** A kubeconfig line naming a file: certificate-authority, client-certificate, client-key. */
  private static final Pattern KUBECONFIG_FILE =
      Pattern.compile("(\\s*(?:certificate-authority|client-certificate|client-key): )(/\\S+)");

  private static LocalCluster cluster;
  private static Kubectl kubectl;
  private static TenantControlPlanes tcps;

  @BeforeAll
  static void setUp() {
    kubectl = cluster.kubectl();
    tcps = new TenantControlPlanes(kubectl);
  }

  @Test
  void aRunningTenantMovesToAnotherEtcdWithItsData(@TempDir Path dir) throws Exception {
    LocalCluster.DataStoreEtcd tenants = cluster.dataStoreEtcd();
    try (EtcdServer second = cluster.startEtcdLikeTenants()) {
      String target = "second-" + UUID.randomUUID().toString().substring(0, 8);
      cluster.createDataStoreLikeDefault(target, second.clientUrl().getAuthority());
      migrate(
          dir,
          new EtcdStores("default", tenants.endpoint(), target, second.clientUrl().toString()));
      kubectl.run("delete", "datastore", target, "--wait=true", "--timeout=60s").assertOk();
    }
  }

  @Test
  void aRunningTenantMovesToAnotherPostgresThroughKine(@TempDir Path dir) throws Exception {
    try (PostgresServer first = PostgresServer.start();
        PostgresServer second = PostgresServer.start()) {
      migrateThroughKine(
          dir, "PostgreSQL", first, second, "postgres", "SELECT 1 FROM pg_roles WHERE rolname = ?");
    }
  }

  @Test
  void aRunningTenantMovesToAnotherMySqlThroughKine(@TempDir Path dir) throws Exception {
    try (MariaDbServer first = MariaDbServer.start();
        MariaDbServer second = MariaDbServer.start()) {
      migrateThroughKine(
          dir, "MySQL", first, second, "mysql", "SELECT 1 FROM mysql.user WHERE User = ?");
    }
  }

  /**
   * A DataStore of {@code driver} on each server, the tenant moved from the first to the second.
   */
  private static void migrateThroughKine(
      Path dir,
      String driver,
      SqlTestServer first,
      SqlTestServer second,
      String adminDatabase,
      String userQuery)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String source = driver.toLowerCase(java.util.Locale.ROOT) + "-first-" + suffix;
    String target = driver.toLowerCase(java.util.Locale.ROOT) + "-second-" + suffix;
    tcps.createSqlDataStore(source, driver, first.endpoint());
    tcps.createSqlDataStore(target, driver, second.endpoint());
    migrate(dir, new KineStores(source, first, target, second, adminDatabase, userQuery));
    kubectl.run("delete", "datastore", source, target, "--wait=true", "--timeout=60s").assertOk();
  }

  /**
   * The two DataStores a tenant moves between, what its control plane runs, and where its data is:
   * the key or row of a namespace, and whether the tenant has a user there.
   */
  private interface Stores {
    String source();

    String target();

    /** The containers of the generated Deployment to run, and where their binaries are. */
    List<String> containers();

    List<Path> binaries();

    boolean hasNamespace(boolean onTarget, String schema, String namespace) throws Exception;

    boolean hasUser(boolean onTarget, String user) throws Exception;

    /** Whether the target still holds anything of the tenant. */
    boolean targetHasData(String schema) throws Exception;
  }

  private record EtcdStores(String source, String sourceUrl, String target, String targetUrl)
      implements Stores {

    @Override
    public List<String> containers() {
      return List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler");
    }

    @Override
    public List<Path> binaries() {
      return List.of(cluster.upstream("kubernetes"));
    }

    @Override
    public boolean hasNamespace(boolean onTarget, String schema, String namespace)
        throws Exception {
      String key = "/" + schema + "/namespaces/" + namespace;
      return cluster
          .etcdctl(onTarget ? targetUrl : sourceUrl, "get", key, "--keys-only")
          .contains(key);
    }

    @Override
    public boolean hasUser(boolean onTarget, String user) throws Exception {
      return cluster.etcdctl(onTarget ? targetUrl : sourceUrl, "user", "list").contains(user);
    }

    @Override
    public boolean targetHasData(String schema) throws Exception {
      return !cluster
          .etcdctl(targetUrl, "get", "/" + schema + "/", "--prefix", "--keys-only")
          .isEmpty();
    }
  }

  /**
   * Two SQL servers behind kine; {@code userQuery} finds a login role by name in the server's
   * {@code adminDatabase}.
   */
  private record KineStores(
      String source,
      SqlTestServer first,
      String target,
      SqlTestServer second,
      String adminDatabase,
      String userQuery)
      implements Stores {

    @Override
    public List<String> containers() {
      return List.of("kine", "kube-apiserver", "kube-controller-manager", "kube-scheduler");
    }

    @Override
    public List<Path> binaries() {
      return List.of(cluster.upstream("kubernetes"), cluster.upstream("kine"));
    }

    @Override
    public boolean hasNamespace(boolean onTarget, String schema, String namespace)
        throws Exception {
      try (Connection c = (onTarget ? second : first).connectAsAdmin(schema);
          PreparedStatement query =
              c.prepareStatement("SELECT count(*) FROM kine WHERE name = ? AND deleted = 0")) {
        query.setString(1, "/registry/namespaces/" + namespace);
        try (ResultSet rows = query.executeQuery()) {
          return rows.next() && rows.getLong(1) > 0;
        }
      }
    }

    @Override
    public boolean hasUser(boolean onTarget, String user) throws Exception {
      try (Connection c = (onTarget ? second : first).connectAsAdmin(adminDatabase);
          PreparedStatement query = c.prepareStatement(userQuery)) {
        query.setString(1, user);
        try (ResultSet rows = query.executeQuery()) {
          return rows.next();
        }
      }
    }

    @Override
    public boolean targetHasData(String schema) throws Exception {
      return second.databaseExists(schema);
    }
  }

  /**
   * Runs a tenant on {@code stores.source()}, moves it to {@code stores.target()} and checks every
   * step; the tenant is deleted at the end.
   */
  private static void migrate(Path dir, Stores stores) throws Exception {
    String ns = "migrate-" + UUID.randomUUID().toString().substring(0, 8);
    String target = stores.target();
    kubectl.run("create", "namespace", ns).assertOk();
    int apiPort = TenantControlPlanes.freePort();
    kubectl
        .run(
            Map.of(),
            TenantControlPlanes.manifest(ns, "moving", stores.source(), apiPort, null),
            "apply",
            "-f",
            "-")
        .assertOk();
    tcps.awaitReady(ns, "moving");
    JsonObject spec = tcps.tcp(ns, "moving").getAsJsonObject("spec");
    String schema = spec.get("dataStoreSchema").getAsString();
    String user = spec.get("dataStoreUsername").getAsString();
    String uid = tcps.tcp(ns, "moving").getAsJsonObject("metadata").get("uid").getAsString();
    String job = "migrate-" + uid;

    Kubectl tenant;
    try (TenantControlPlaneProcesses before = start(ns, stores, dir.resolve("before"))) {
      tenant = tcps.tenantKubectl(ns, "moving", dir, "super-admin");
      TenantControlPlanes.awaitServing(tenant, before);
      tenant.run("create", "namespace", "before-migration").assertOk();
      tenant
          .run(
              "create",
              "configmap",
              "kept",
              "-n",
              "before-migration",
              "--from-literal=payload=written before the migration")
          .assertOk();

      kubectl
          .run(
              "patch",
              "tcp",
              "moving",
              "-n",
              ns,
              "--type=merge",
              "-p",
              "{\"spec\": {\"dataStore\": \"" + target + "\"}}")
          .assertOk();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertThat(state(ns)).isEqualTo("Migrating"));

      // Frozen: the tenant's API server asks our /migrate, which refuses every write outside
      // kube-system and kube-node-lease.
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () ->
                  assertThat(tenant.run("create", "namespace", "during-migration").stderr())
                      .contains("the current Control Plane is in freezing mode"));
      assertThat(tenant.run("delete", "configmap", "kept", "-n", "before-migration").stderr())
          .contains("freezing mode");
      tenant.run("create", "configmap", "allowed", "-n", "kube-system").assertOk();

      // The migration Job: Kamaji's name, namespace, labels, service account and command.
      JsonObject migration =
          JsonParser.parseString(
                  kubectl
                      .run("get", "job", job, "-n", "kamaji-system", "-o", "json")
                      .assertOk()
                      .stdout())
              .getAsJsonObject();
      assertThat(migration.getAsJsonObject("metadata").getAsJsonObject("labels").toString())
          .contains(
              "\"kamaji.clastix.io/component\":\"migrate\"",
              "\"tcp.kamaji.clastix.io/name\":\"moving\"",
              "\"tcp.kamaji.clastix.io/namespace\":\"" + ns + "\"");
      JsonObject podSpec =
          migration.getAsJsonObject("spec").getAsJsonObject("template").getAsJsonObject("spec");
      assertThat(podSpec.get("serviceAccountName").getAsString()).isEqualTo("kamaji-api");
      JsonObject container = podSpec.getAsJsonArray("containers").get(0).getAsJsonObject();
      assertThat(container.get("image").getAsString())
          .isEqualTo(OciContainer.reference(OciContainer.image("apiserver")));
      List<String> args = new ArrayList<>();
      container.getAsJsonArray("args").forEach(a -> args.add(a.getAsString()));
      assertThat(args)
          .containsExactly(
              "migrate",
              "--tenant-control-plane=" + ns + "/moving",
              "--target-datastore=" + target,
              // kubectl apply's annotation is there: Kamaji then always passes the flag.
              "--cleanup-prior-migration=false");

      // The Job's container, run here by runc from the image the Job names: the image's entry
      // point with the Job's arguments unchanged, with the server's identity.
      runJobCommand(args, dir.resolve("migrate.log"));
      assertThat(stores.hasNamespace(true, schema, "before-migration")).isTrue();
      // Still Migrating until the Job completes.
      assertThat(state(ns)).isEqualTo("Migrating");
      finishJobPod(job);
    }

    // The Job completed: the tenant is set up on the target, the Deployment rolled onto it,
    // the Job removed and the TCP Ready again.
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              JsonObject status = tcps.tcp(ns, "moving").getAsJsonObject("status");
              assertThat(status.getAsJsonObject("storage").get("dataStoreName").getAsString())
                  .isEqualTo(target);
              assertThat(state(ns)).isEqualTo("Ready");
              assertThat(kubectl.run("get", "job", job, "-n", "kamaji-system").stderr())
                  .contains("NotFound");
            });
    assertThat(stores.hasUser(true, user)).isTrue();

    try (TenantControlPlaneProcesses after = start(ns, stores, dir.resolve("after"))) {
      TenantControlPlanes.awaitServing(tenant, after);
      assertThat(
              tenant
                  .run(
                      "get",
                      "configmap",
                      "kept",
                      "-n",
                      "before-migration",
                      "-o",
                      "jsonpath={.data.payload}")
                  .assertOk()
                  .stdout())
          .isEqualTo("written before the migration");
      // The tenant side deletes the freeze that came along with the data.
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () ->
                  assertThat(tenant.run("create", "namespace", "after-migration").exitCode())
                      .isZero());
      assertThat(tenant.run("get", "validatingwebhookconfiguration", "kamaji-freeze").stderr())
          .contains("NotFound");
      assertThat(stores.hasNamespace(true, schema, "after-migration")).isTrue();
      assertThat(after.alive()).isTrue();
    }

    // As in Kamaji, the data on the former DataStore is left where it was.
    assertThat(stores.hasNamespace(false, schema, "before-migration")).isTrue();
    assertThat(stores.hasNamespace(false, schema, "after-migration")).isFalse();

    kubectl.run("delete", "tcp", "moving", "-n", ns, "--wait=true", "--timeout=120s").assertOk();
    assertThat(stores.targetHasData(schema)).isFalse();
    assertThat(stores.hasUser(true, user)).isFalse();
    kubectl.run("delete", "namespace", ns, "--wait=false").assertOk();
  }

  private static String state(String ns) {
    return tcps.state(ns, "moving");
  }

  private static TenantControlPlaneProcesses start(String ns, Stores stores, Path dir)
      throws Exception {
    return TenantControlPlaneProcesses.start(
        tcps.deployment(ns, "moving"),
        tcps.secrets(ns),
        tcps.configMaps(ns),
        stores.binaries(),
        dir,
        stores.containers());
  }

  /**
   * What the Job's pod runs: the Job's image (this build's server image) with the Job's arguments,
   * as a container (runc), with the server's identity instead of the Job's service account token
   * (no kubelet mounts one here): its kubeconfig and certificate files, copied where the
   * container's user can read them.
   */
  private static void runJobCommand(List<String> args, Path log) throws Exception {
    Path work = Files.createTempDirectory(log.getParent(), "migrate-job");
    Path identity = Files.createDirectories(work.resolve("identity"));
    StringBuilder kubeconfig = new StringBuilder();
    for (String line : Files.readAllLines(cluster.serverKubeconfig())) {
      Matcher file = KUBECONFIG_FILE.matcher(line);
      if (file.matches()) {
        Path source = Path.of(file.group(2));
        Files.copy(source, identity.resolve(source.getFileName()));
        line = file.group(1) + "/var/run/kamaji/" + source.getFileName();
      }
      kubeconfig.append(line).append('\n');
    }
    Files.writeString(identity.resolve("kubeconfig"), kubeconfig);
    OciContainer.share(identity, false);
    try (OciContainer job =
        OciContainer.run(
            OciContainer.image("apiserver"),
            work,
            args,
            Map.of("/var/run/kamaji", identity),
            Map.of("KUBECONFIG", "/var/run/kamaji/kubeconfig", "JAVA_TOOL_OPTIONS", "-Xmx256m"))) {
      int exit = job.waitFor(Duration.ofSeconds(120));
      Files.writeString(log, job.log());
      assertThat(exit).as(job.log()).isZero();
    }
  }

  /**
   * Lets kwok terminate the Job's pod with exit code 0 (hack/kwok/stages.yaml, pod-succeeded): the
   * Job controller then completes the Job, as after a real container.
   */
  private static void finishJobPod(String job) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(
                        kubectl
                            .run(
                                "get",
                                "pods",
                                "-n",
                                "kamaji-system",
                                "-l",
                                "job-name=" + job,
                                "-o",
                                "jsonpath={.items[*].status.phase}")
                            .stdout())
                    .isEqualTo("Running"));
    kubectl
        .run(
            "annotate",
            "pods",
            "-n",
            "kamaji-system",
            "-l",
            "job-name=" + job,
            "kwok.kamaji-java.dev/succeeded=true")
        .assertOk();
  }
}
