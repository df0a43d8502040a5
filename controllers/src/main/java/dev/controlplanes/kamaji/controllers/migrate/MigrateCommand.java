package dev.controlplanes.kamaji.controllers.migrate;

import dev.controlplanes.kamaji.api.json.LenientModels;
import dev.controlplanes.kamaji.api.time.GoDuration;
import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreList;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlaneList;
import dev.controlplanes.kamaji.controllers.ControllerOptions;
import dev.controlplanes.kamaji.controllers.pki.PkiSecret;
import dev.controlplanes.kamaji.controllers.resources.datastore.DataStoreCredentials;
import dev.controlplanes.kamaji.controllers.tenant.FreezeCheck;
import dev.controlplanes.kamaji.controllers.tenant.TenantBootstrap;
import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.DataStoreConnections;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1SecretList;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code migrate}: what the migration Job runs (Kamaji's {@code cmd/migrate}). Reads the
 * TenantControlPlane and both DataStores from the management cluster, checks that the target is
 * another DataStore of the same driver, optionally drops an earlier copy on the target, and copies
 * the tenant's data over. The management cluster is reached with the pod's service account, or
 * {@code --kubeconfig} / {@code $KUBECONFIG} outside a cluster.
 */
public final class MigrateCommand {

  private static final Logger LOG = LoggerFactory.getLogger(MigrateCommand.class);

  /** How long a tenant API server that serves nothing is waited for before copying unfrozen. */
  static final Duration FREEZE_GRACE = Duration.ofSeconds(15);

  private MigrateCommand() {}

  /** Runs the command; the process exit code. */
  public static int run(String... args) {
    MigrateOptions options;
    try {
      options = MigrateOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("migrate: " + e.getMessage());
      return 2;
    }
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "migrate");
              t.setDaemon(true);
              return t;
            });
    Future<?> migration =
        executor.submit(
            () -> {
              migrate(options);
              return null;
            });
    try {
      migration.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("migration completed");
      return 0;
    } catch (TimeoutException e) {
      LOG.error("migration did not complete within {}", options.timeout());
      return 1;
    } catch (ExecutionException e) {
      // Our own and the drivers' messages name what failed, never credentials.
      LOG.error("migration failed: {}", e.getCause().getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      executor.shutdownNow();
    }
  }

  private static void migrate(MigrateOptions options) throws InterruptedException {
    Instant deadline = Instant.now().plus(options.timeout());
    ApiClient client = client(options.kubeconfig());
    LOG.info("retrieving the TenantControlPlane {}", options.tenantControlPlane());
    TenantControlPlane tcp =
        get(
            new GenericKubernetesApi<>(
                    TenantControlPlane.class,
                    TenantControlPlaneList.class,
                    TenantControlPlane.GROUP,
                    TenantControlPlane.VERSION,
                    TenantControlPlane.PLURAL,
                    client)
                .get(options.namespace(), options.name()),
            "TenantControlPlane " + options.tenantControlPlane());
    GenericKubernetesApi<DataStore, DataStoreList> dataStores =
        new GenericKubernetesApi<>(
            DataStore.class,
            DataStoreList.class,
            DataStore.GROUP,
            DataStore.VERSION,
            DataStore.PLURAL,
            client);
    TenantData tenant = TenantData.of(tcp, options.targetDataStore());
    DataStore origin = get(dataStores.get(tenant.origin()), "DataStore " + tenant.origin());
    DataStore target =
        get(dataStores.get(options.targetDataStore()), "DataStore " + options.targetDataStore());
    tenant.checkDrivers(origin, target);
    GenericKubernetesApi<V1Secret, V1SecretList> secretApi =
        new GenericKubernetesApi<>(V1Secret.class, V1SecretList.class, "", "v1", "secrets", client);
    DataStoreCredentials.Secrets secrets =
        (namespace, name) -> {
          KubernetesApiResponse<V1Secret> response = secretApi.get(namespace, name);
          return response.isSuccess() ? Optional.of(response.getObject()) : Optional.empty();
        };
    awaitFreeze(tcp, secrets, deadline);
    DataStoreCredentials credentials = new DataStoreCredentials(secrets);
    try (DataStoreConnection from = DataStoreConnections.open(credentials.endpoint(origin));
        DataStoreConnection to = DataStoreConnections.open(credentials.endpoint(target))) {
      to.check();
      if (options.cleanupPriorMigration()) {
        LOG.info("dropping what DataStore {} holds of {}", target.getMetadata().getName(), tenant);
        to.dropTenantData(tenant.schema());
      }
      LOG.info(
          "copying {} from DataStore {} to {}",
          tenant,
          origin.getMetadata().getName(),
          target.getMetadata().getName());
      from.copyTenantData(tenant.schema(), to);
    }
  }

  /**
   * Waits until the tenant is frozen (or its API server serves nothing), so that no write made
   * during the copy is lost. In a pod the tenant is reached through its Service, else through its
   * public endpoint, as the controllers reach it.
   */
  private static void awaitFreeze(
      TenantControlPlane tcp, DataStoreCredentials.Secrets secrets, Instant deadline)
      throws InterruptedException {
    String name = PkiSecret.ADMIN_KUBECONFIG.secretName(tcp.getMetadata().getName());
    boolean inCluster = System.getenv("KUBERNETES_SERVICE_HOST") != null;
    String key =
        TenantBootstrap.kubeconfigKey(
            inCluster
                ? ControllerOptions.TenantEndpoint.INTERNAL
                : ControllerOptions.TenantEndpoint.EXTERNAL);
    byte[] kubeconfig =
        secrets
            .get(tcp.getMetadata().getNamespace(), name)
            .map(s -> s.getData() == null ? null : s.getData().get(key))
            .orElseThrow(() -> new IllegalStateException("no " + key + " in Secret " + name));
    LOG.info("waiting for the tenant to be frozen");
    FreezeCheck.Outcome outcome = FreezeCheck.of(kubeconfig, FREEZE_GRACE).await(deadline);
    if (outcome == FreezeCheck.Outcome.NOT_SERVING) {
      LOG.warn(
          "the tenant's API server has not served for {}: nothing is written through it, the copy"
              + " goes ahead unfrozen",
          FREEZE_GRACE);
    } else {
      LOG.info("the tenant is frozen");
    }
  }

  private static <T extends io.kubernetes.client.common.KubernetesObject> T get(
      KubernetesApiResponse<T> response, String what) {
    if (!response.isSuccess()) {
      throw new IllegalStateException(
          "cannot read "
              + what
              + ": "
              + (response.getStatus() == null
                  ? "HTTP " + response.getHttpStatusCode()
                  : response.getStatus().getMessage()));
    }
    return response.getObject();
  }

  private static ApiClient client(Optional<Path> kubeconfig) {
    LenientModels.install();
    try {
      if (kubeconfig.isPresent()) {
        try (Reader reader = Files.newBufferedReader(kubeconfig.get(), StandardCharsets.UTF_8)) {
          return ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(reader)).build();
        }
      }
      // $KUBECONFIG, ~/.kube/config, then the pod's service account.
      return ClientBuilder.standard().build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot configure the management cluster client: " + e);
    }
  }

  /** The command's flags, as Kamaji's. */
  record MigrateOptions(
      String namespace,
      String name,
      String targetDataStore,
      boolean cleanupPriorMigration,
      Duration timeout,
      Optional<Path> kubeconfig) {

    String tenantControlPlane() {
      return namespace + "/" + name;
    }

    static MigrateOptions parse(String... args) {
      String tcp = null;
      String target = null;
      boolean cleanup = false;
      Duration timeout = Duration.ofMinutes(5);
      Path kubeconfig = null;
      for (String arg : args) {
        int eq = arg.indexOf('=');
        if (!arg.startsWith("--") || eq < 0) {
          throw new IllegalArgumentException("expected --flag=value, got " + arg);
        }
        String value = arg.substring(eq + 1);
        switch (arg.substring(2, eq)) {
          case "tenant-control-plane" -> tcp = value;
          case "target-datastore" -> target = value;
          case "cleanup-prior-migration" -> cleanup = bool(value);
          case "timeout" -> timeout = GoDuration.parse(value);
          case "kubeconfig" -> kubeconfig = value.isEmpty() ? null : Path.of(value);
          default -> throw new IllegalArgumentException("unknown flag " + arg.substring(0, eq));
        }
      }
      if (tcp == null || tcp.isEmpty()) {
        throw new IllegalArgumentException("--tenant-control-plane is required");
      }
      if (target == null || target.isEmpty()) {
        throw new IllegalArgumentException("--target-datastore is required");
      }
      String[] parts = tcp.split("/", -1);
      if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
        throw new IllegalArgumentException(
            "--tenant-control-plane must be <namespace>/<name>, got " + tcp);
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("--timeout must be positive");
      }
      return new MigrateOptions(
          parts[0], parts[1], target, cleanup, timeout, Optional.ofNullable(kubeconfig));
    }

    private static boolean bool(String value) {
      return switch (value) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException("expected true or false, got " + value);
      };
    }
  }
}
