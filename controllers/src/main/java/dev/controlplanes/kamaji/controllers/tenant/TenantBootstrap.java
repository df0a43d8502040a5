package dev.controlplanes.kamaji.controllers.tenant;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.VersionState;
import dev.controlplanes.kamaji.controllers.ControllerOptions.TenantEndpoint;
import dev.controlplanes.kamaji.controllers.kube.ObjectClient;
import dev.controlplanes.kamaji.controllers.model.Checksums;
import dev.controlplanes.kamaji.controllers.model.Names;
import dev.controlplanes.kamaji.controllers.pki.Kubeconfigs;
import dev.controlplanes.kamaji.controllers.pki.PemException;
import dev.controlplanes.kamaji.controllers.pki.PkiSecret;
import dev.controlplanes.kamaji.controllers.tenantcontrolplane.VersionStatus;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenant-side phase (Kamaji's soot manager, reduced to kubeadm's bootstrap objects of {@link
 * TenantRbac} and the uploaded configurations and addons of {@link TenantAddons}): once a
 * TenantControlPlane has left Provisioning, its API server is dialled with the super-admin
 * credentials of {@code <tcp>-admin-kubeconfig}, {@code /readyz} is awaited and the objects are
 * server-side applied. Runs beside the reconcile workers (told after each pass, returns at once),
 * retries with backoff while the tenant's pods start, and runs again when the admin kubeconfig
 * changes (CA rotation), when a managed object changes in the tenant ({@link TenantWatches}, as
 * Kamaji's soot controllers watch them) and every {@code --tenant-resync-period}. Failures are
 * logged at debug level: an unreachable tenant is the normal state while its pods start.
 */
public final class TenantBootstrap implements Consumer<TenantControlPlane>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TenantBootstrap.class);

  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration MAX_RETRY = Duration.ofSeconds(30);

  /** Events that come together (a Deployment deleted with its pods) make one run. */
  static final Duration DRIFT_DELAY = Duration.ofMillis(500);

  private final ObjectClient<V1Secret> secrets;
  private final ObjectClient<V1ConfigMap> configMaps;
  private final ObjectClient<TenantControlPlane> tenantControlPlanes;
  private final TenantEndpoint endpoint;
  private final TenantNetworks networks;
  private final ScheduledExecutorService timer;
  private final Duration resync;
  private final TenantWebhook webhook;
  private final Clock clock;
  private final Map<String, Attempts> states = new ConcurrentHashMap<>();

  /** The last reason each TCP had no plan, so that a bad spec is logged once, not every pass. */
  private final Map<String, String> planFailures = new ConcurrentHashMap<>();

  private volatile BiConsumer<String, String> whenApplied = (namespace, name) -> {};

  public TenantBootstrap(
      ObjectClient<V1Secret> secrets,
      ObjectClient<V1ConfigMap> configMaps,
      ObjectClient<TenantControlPlane> tenantControlPlanes,
      TenantEndpoint endpoint,
      TenantNetworks networks,
      Duration resync,
      TenantWebhook webhook,
      Clock clock) {
    this.secrets = secrets;
    this.configMaps = configMaps;
    this.tenantControlPlanes = tenantControlPlanes;
    this.endpoint = endpoint;
    this.networks = networks;
    this.clock = clock;
    this.resync = resync;
    this.webhook = webhook;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kamaji-tenant-bootstrap");
              t.setDaemon(true);
              return t;
            });
  }

  /** The delay before retry number {@code failures} (1 s doubling up to 30 s). */
  static Duration backoff(int failures) {
    Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(failures, 10));
    return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
  }

  /** The data key of the admin kubeconfig Secret used to dial the tenant. */
  public static String kubeconfigKey(TenantEndpoint endpoint) {
    return endpoint == TenantEndpoint.INTERNAL ? "super-admin.svc" : "super-admin.conf";
  }

  /**
   * Whether the control plane has been installed: Kamaji starts the tenant-side controllers once
   * the TCP leaves Provisioning, and stops them while Sleeping.
   */
  static boolean eligible(TenantControlPlane tcp) {
    if (tcp.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    String state = VersionStatus.stored(tcp);
    return state != null
        && !state.equals(VersionState.PROVISIONING)
        && !state.equals(VersionState.SLEEPING);
  }

  /** Told after each reconcile pass; never blocks. */
  @Override
  public void accept(TenantControlPlane tcp) {
    String key = tcp.getMetadata().getNamespace() + "/" + tcp.getMetadata().getName();
    if (!eligible(tcp)) {
      return;
    }
    String credentials = credentials(tcp);
    if (credentials == null) {
      return; // no admin kubeconfig recorded yet
    }
    V1ConfigMap kubeadmConfig =
        configMaps.cached(tcp.getMetadata().getNamespace(), Names.kubeadmConfig(tcp)).orElse(null);
    if (kubeadmConfig == null) {
      return; // written by the reconcile pass before the TCP leaves Provisioning
    }
    // The plan follows from the TCP and its stored kubeadm configuration alone: while neither
    // has changed since the current attempts were planned, this pass has nothing new to plan.
    String inputs =
        tcp.getMetadata().getResourceVersion()
            + "/"
            + kubeadmConfig.getMetadata().getResourceVersion();
    Attempts planned = states.get(key);
    if (planned != null && planned.inputs.equals(inputs)) {
      return;
    }
    TenantAddons.Plan addons;
    try {
      addons = TenantAddons.plan(tcp, StoredKubeadmConfig.parse(kubeadmConfig.getData()), webhook);
    } catch (RuntimeException e) {
      // A spec the builders cannot use at all; the message holds no credentials.
      warnOnce(key, "no tenant-side plan: " + e.getMessage());
      return;
    }
    if (addons.problems().isEmpty()) {
      planFailures.remove(key);
    } else {
      // Such as kubelet JSON patches that do not apply; the message names the field.
      warnOnce(key, String.join("; ", addons.problems()));
    }
    // As status.kubeadmconfig.checksum records it.
    String kubeadmChecksum = Checksums.ofConfigMapData(kubeadmConfig.getData());
    // A changed addon is applied again, as new credentials are.
    String token = credentials + "/" + digest(addons.toString());
    Attempts fresh =
        new Attempts(tcp.getMetadata().getNamespace(), tcp, token, addons, kubeadmChecksum);
    fresh.inputs = inputs;
    Attempts current =
        states.compute(
            key,
            (k, old) -> {
              if (old != null && old.token.equals(token)) {
                old.inputs = inputs; // the same plan from newer inputs
                return old;
              }
              if (old != null) {
                old.stop();
              }
              return fresh;
            });
    if (current == fresh) {
      timer.execute(() -> attempt(key, fresh));
    }
  }

  /** What the last completed run for the TCP's current credentials and plan ensured. */
  public Optional<TenantSideOutcome> outcome(String namespace, String name) {
    Attempts a = states.get(namespace + "/" + name);
    return a == null ? Optional.empty() : Optional.ofNullable(a.outcome);
  }

  /** {@code listener} is told the namespace and name of each TCP whose run completes. */
  public void whenApplied(BiConsumer<String, String> listener) {
    this.whenApplied = listener;
  }

  /**
   * The TCP's uid and its admin kubeconfig's checksum, which with a digest of its addons' objects
   * identify one bootstrap; null while no admin kubeconfig is recorded.
   */
  private static String credentials(TenantControlPlane tcp) {
    if (tcp.getStatus().getKubeconfig() == null
        || tcp.getStatus().getKubeconfig().getAdmin() == null
        || tcp.getStatus().getKubeconfig().getAdmin().getChecksum() == null) {
      return null;
    }
    return tcp.getMetadata().getUid()
        + "/"
        + tcp.getStatus().getKubeconfig().getAdmin().getChecksum();
  }

  private void attempt(String key, Attempts attempts) {
    if (states.get(key) != attempts) {
      return; // superseded by new credentials
    }
    // The first attempt follows the pass that asked for it: that pass has just read and written
    // the TCP, and the informer may not have the write's event yet (a cached copy still
    // Provisioning would drop the bootstrap until some later pass). Retries ask the cache.
    if (attempts.failures > 0 && !stillWanted(attempts)) {
      forget(key, attempts); // gone, asleep or being deleted: a later pass starts over
      return;
    }
    CompletableFuture<Void> run;
    try {
      if (attempts.api == null) {
        Kubeconfigs.Kubeconfig kubeconfig = Kubeconfigs.parse(kubeconfig(attempts));
        String server = kubeconfig.server();
        if (!networks.permits(server)) {
          // Not an error and not worth retrying: new credentials or a restart check again.
          LOG.info(
              "TenantControlPlane {}: its API server {} is outside --tenant-networks ({}); the"
                  + " tenant-side phase is skipped",
              key,
              server,
              networks);
          return;
        }
        attempts.api = TenantApi.of(kubeconfig);
      }
      TenantApi api = attempts.api;
      run =
          api.ready()
              .thenCompose(
                  ready -> {
                    if (!ready) {
                      throw new TenantApi.TenantApiException("/readyz is not ok yet");
                    }
                    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                    attempts.appliedVersion = 0;
                    for (String path : attempts.addons.removeFirst()) {
                      chain = chain.thenCompose(v -> api.deleteIfManaged(path));
                    }
                    List<TenantRbac.TenantObject> objects = new ArrayList<>();
                    if (!attempts.addons.frozen()) {
                      objects.addAll(
                          TenantRbac.objects(clusterInfoServer(attempts), caOf(attempts)));
                    }
                    objects.addAll(attempts.addons.apply());
                    // The applied objects, by path, for the owner references of later ones.
                    Map<String, JsonObject> applied = new ConcurrentHashMap<>();
                    attempts.managedPaths =
                        Stream.concat(
                                objects.stream().map(TenantRbac.TenantObject::path),
                                attempts.addons.remove().stream())
                            .collect(Collectors.toSet());
                    for (TenantRbac.TenantObject object : objects) {
                      chain =
                          chain
                              .thenCompose(v -> api.apply(owned(object, applied)))
                              .thenAccept(
                                  result -> {
                                    applied.put(object.path(), result);
                                    attempts.sawVersion(result);
                                  });
                    }
                    for (String path : attempts.addons.remove()) {
                      chain = chain.thenCompose(v -> api.deleteIfManaged(path));
                    }
                    return chain;
                  });
    } catch (RuntimeException e) {
      run = CompletableFuture.failedFuture(e);
    }
    run.whenComplete(
        (ok, error) -> {
          if (error == null && attempts.addons.frozen()) {
            // Only the freeze was applied: nothing to record, and the state has not changed.
            attempts.failures = 0;
            LOG.info("TenantControlPlane {}: tenant frozen for its datastore migration", key);
            scheduleResync(key, attempts);
            return;
          }
          if (error == null) {
            watch(key, attempts);
            boolean first = attempts.outcome == null;
            attempts.failures = 0;
            attempts.outcome =
                new TenantSideOutcome(
                    OffsetDateTime.now(clock),
                    attempts.kubeadmChecksum,
                    attempts.addons.coreDns(),
                    attempts.addons.kubeProxy(),
                    attempts.addons.agentKind());
            if (first) {
              whenApplied.accept(attempts.namespace, attempts.name);
              LOG.info(
                  "TenantControlPlane {}: tenant-side RBAC, cluster-info, kubeadm and kubelet"
                      + " configurations and addons ensured",
                  key);
            } else {
              LOG.debug("TenantControlPlane {}: tenant-side objects ensured again", key);
            }
            scheduleResync(key, attempts);
            return;
          }
          Duration delay = backoff(attempts.failures++);
          LOG.debug(
              "TenantControlPlane {}: tenant not bootstrapped yet ({}); retry in {}",
              key,
              describe(error),
              delay);
          if (!timer.isShutdown()) {
            timer.schedule(() -> attempt(key, attempts), delay.toMillis(), TimeUnit.MILLISECONDS);
          }
        });
  }

  /**
   * Applies everything again after the resync period (a tenth of it as jitter, so that tenants
   * bootstrapped together do not stay in step), while these attempts are still current.
   */
  private void scheduleResync(String key, Attempts attempts) {
    if (resync.isZero() || timer.isShutdown()) {
      return;
    }
    ScheduledFuture<?> previous = attempts.resync;
    if (previous != null) {
      previous.cancel(false); // a run the watches asked for: one resync timer per tenant
    }
    long delay =
        resync.toMillis() + ThreadLocalRandom.current().nextLong(resync.toMillis() / 10 + 1);
    attempts.resync =
        timer.schedule(
            () -> {
              if (states.get(key) != attempts) {
                return; // superseded by a new plan or new credentials
              }
              if (!stillWanted(attempts)) {
                forget(key, attempts);
                return;
              }
              attempt(key, attempts);
            },
            delay,
            TimeUnit.MILLISECONDS);
  }

  /**
   * Watches the managed objects once a run has applied them (not while frozen: nothing else is
   * applied then), from the newest resourceVersion the run saw.
   */
  private void watch(String key, Attempts attempts) {
    if (attempts.watches != null || attempts.addons.frozen() || states.get(key) != attempts) {
      return;
    }
    TenantWatches watches =
        new TenantWatches(
            key, attempts.api, attempts.managedPaths, () -> drifted(key, attempts), timer);
    attempts.watches = watches;
    watches.start(attempts.appliedVersion > 0 ? Long.toString(attempts.appliedVersion) : "");
  }

  /** A managed object changed: one run soon, however many events come meanwhile. */
  private void drifted(String key, Attempts attempts) {
    if (states.get(key) != attempts || !attempts.driftPending.compareAndSet(false, true)) {
      return;
    }
    timer.schedule(
        () -> {
          attempts.driftPending.set(false);
          if (states.get(key) == attempts) {
            attempt(key, attempts);
          }
        },
        DRIFT_DELAY.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void forget(String key, Attempts attempts) {
    if (states.remove(key, attempts)) {
      attempts.stop();
    }
  }

  /** Logs a TCP's problem when it is new, not on every pass. */
  private void warnOnce(String key, String problem) {
    if (!problem.equals(planFailures.put(key, problem))) {
      LOG.warn("TenantControlPlane {}: {}", key, problem);
    }
  }

  /** {@code object}, controlled by its owner when it has one (applied earlier in the chain). */
  static TenantRbac.TenantObject owned(
      TenantRbac.TenantObject object, Map<String, JsonObject> applied) {
    if (object.ownerPath() == null) {
      return object;
    }
    JsonObject owner = applied.get(object.ownerPath());
    if (owner == null) {
      throw new TenantApi.TenantApiException(object.ownerPath() + " was not applied");
    }
    JsonObject metadata = owner.getAsJsonObject("metadata");
    JsonObject reference = new JsonObject();
    reference.add("apiVersion", owner.get("apiVersion"));
    reference.add("kind", owner.get("kind"));
    reference.add("name", metadata.get("name"));
    reference.add("uid", metadata.get("uid"));
    reference.addProperty("controller", true);
    reference.addProperty("blockOwnerDeletion", true);
    JsonArray references = new JsonArray();
    references.add(reference);
    JsonObject body = object.body().deepCopy();
    body.getAsJsonObject("metadata").add("ownerReferences", references);
    return new TenantRbac.TenantObject(object.collectionPath(), object.name(), body, null);
  }

  private boolean stillWanted(Attempts attempts) {
    return tenantControlPlanes
        .cached(attempts.namespace, attempts.name)
        .filter(t -> Objects.equals(t.getMetadata().getUid(), attempts.uid))
        .filter(TenantBootstrap::eligible)
        .isPresent();
  }

  private Map<String, byte[]> adminData(Attempts attempts) {
    return secrets
        .cached(attempts.namespace, PkiSecret.ADMIN_KUBECONFIG.secretName(attempts.name))
        .map(V1Secret::getData)
        .orElse(Map.of());
  }

  private byte[] kubeconfig(Attempts attempts) {
    byte[] kubeconfig = adminData(attempts).get(kubeconfigKey(endpoint));
    if (kubeconfig == null) {
      throw new TenantApi.TenantApiException("no admin kubeconfig yet");
    }
    return kubeconfig;
  }

  /** kubeadm publishes the admin kubeconfig's server (the public endpoint) and the CA. */
  private String clusterInfoServer(Attempts attempts) {
    byte[] admin = adminData(attempts).get("admin.conf");
    return admin == null ? attempts.api.server() : Kubeconfigs.parse(admin).server();
  }

  private byte[] caOf(Attempts attempts) {
    return Kubeconfigs.parse(kubeconfig(attempts)).certificateAuthority();
  }

  /** The cause's type and, for our own and I/O errors, its message (they carry no secrets). */
  private static String describe(Throwable error) {
    Throwable cause = TenantApi.unwrap(error);
    if (cause instanceof TenantApi.TenantApiException
        || cause instanceof PemException
        || cause instanceof java.io.IOException) {
      return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
    return cause.getClass().getSimpleName();
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    states.values().forEach(Attempts::stop);
  }

  /** The attempts for one TCP and one set of credentials. */
  private static final class Attempts {
    final String namespace;
    final String name;
    final String uid;
    final String token;
    final TenantAddons.Plan addons;
    final String kubeadmChecksum;

    /** The TCP's and kubeadm configuration's resourceVersions the plan was last made from. */
    volatile String inputs = "";

    volatile TenantApi api;
    volatile TenantSideOutcome outcome;
    volatile int failures;

    /** What the last run applied or removed, and the newest resourceVersion it saw. */
    volatile Set<String> managedPaths = Set.of();

    volatile long appliedVersion;
    volatile TenantWatches watches;
    volatile ScheduledFuture<?> resync;
    final AtomicBoolean driftPending = new AtomicBoolean();

    /** resourceVersions are etcd revisions: the newest is where watches start. */
    void sawVersion(JsonObject applied) {
      try {
        long version =
            Long.parseLong(
                applied.getAsJsonObject("metadata").get("resourceVersion").getAsString());
        if (version > appliedVersion) {
          appliedVersion = version;
        }
      } catch (RuntimeException e) {
        // Not a number: the watches start from now instead.
      }
    }

    void stop() {
      TenantWatches w = watches;
      if (w != null) {
        w.stop();
      }
      ScheduledFuture<?> r = resync;
      if (r != null) {
        r.cancel(false);
      }
    }

    Attempts(
        String namespace,
        TenantControlPlane tcp,
        String token,
        TenantAddons.Plan addons,
        String kubeadmChecksum) {
      this.namespace = namespace;
      this.addons = addons;
      this.kubeadmChecksum = kubeadmChecksum;
      this.name = tcp.getMetadata().getName();
      this.uid = tcp.getMetadata().getUid();
      this.token = token;
    }
  }
}
