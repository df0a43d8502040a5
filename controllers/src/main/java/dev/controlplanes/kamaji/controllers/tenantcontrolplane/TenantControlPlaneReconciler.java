package dev.controlplanes.kamaji.controllers.tenantcontrolplane;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.KubernetesResourcesStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KubernetesVersionStatus;
import dev.controlplanes.kamaji.api.v1alpha1.StorageStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlaneStatus;
import dev.controlplanes.kamaji.api.v1alpha1.VersionState;
import dev.controlplanes.kamaji.controllers.ControllerOptions;
import dev.controlplanes.kamaji.controllers.errors.RequeueException;
import dev.controlplanes.kamaji.controllers.errors.Requeues;
import dev.controlplanes.kamaji.controllers.kube.KubeClients;
import dev.controlplanes.kamaji.controllers.kube.KubeJson;
import dev.controlplanes.kamaji.controllers.kube.ObjectWriter;
import dev.controlplanes.kamaji.controllers.model.Names;
import dev.controlplanes.kamaji.controllers.pki.PkiSecret;
import dev.controlplanes.kamaji.controllers.pki.RenewalSchedule;
import dev.controlplanes.kamaji.controllers.resources.ManagedResource;
import dev.controlplanes.kamaji.controllers.resources.ResourcePipeline;
import dev.controlplanes.kamaji.controllers.resources.StatusFields;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import dev.controlplanes.kamaji.controllers.resources.datastore.DataStores;
import dev.controlplanes.kamaji.controllers.resources.migration.MigrationResource;
import io.kubernetes.client.extended.controller.reconciler.Reconciler;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.controller.reconciler.Result;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one TenantControlPlane per call (Kamaji §3.1): uncached read, pause annotation,
 * DataStore preflight, the ordered resource pipeline (its status changes written once per pass),
 * {@code observedGeneration} after a full pass, and on deletion the datastore teardown before the
 * finalizer goes. Transient states requeue after 1 s without error logs; the work queue guarantees
 * that one TenantControlPlane is never reconciled twice at once.
 */
public final class TenantControlPlaneReconciler implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(TenantControlPlaneReconciler.class);

  /** Added after the first datastore setup; removed once the datastore is torn down. */
  public static final String FINALIZER = "finalizer.kamaji.clastix.io";

  /** Keeps the tenant's datastore-config Secret until the teardown has used it. */
  public static final String DATASTORE_SECRET_FINALIZER =
      "finalizer.kamaji.clastix.io/datastore-secret";

  /** Presence stops all reconciliation of the object. */
  public static final String PAUSED = "kamaji.clastix.io/paused";

  /** A renewal moment already past (a certificate the pass could not renew) is retried calmly. */
  static final Duration RENEWAL_RETRY = Duration.ofMinutes(1);

  private final KubeClients clients;
  private final ObjectWriter writer;
  private final ControllerOptions options;
  private final Clock clock;
  private final TenantResources resources;
  private final RenewalTimer renewals;
  private final Consumer<TenantControlPlane> afterPass;

  public TenantControlPlaneReconciler(
      KubeClients clients,
      ObjectWriter writer,
      ControllerOptions options,
      Clock clock,
      TenantResources resources) {
    this(clients, writer, options, clock, resources, RenewalTimer.none(), tcp -> {});
  }

  /**
   * @param renewals requeues the TenantControlPlane when its next certificate renewal is due
   * @param afterPass told about the TenantControlPlane after every full pass (the tenant-side
   *     phase); must return at once
   */
  public TenantControlPlaneReconciler(
      KubeClients clients,
      ObjectWriter writer,
      ControllerOptions options,
      Clock clock,
      TenantResources resources,
      RenewalTimer renewals,
      Consumer<TenantControlPlane> afterPass) {
    this.clients = clients;
    this.writer = writer;
    this.options = options;
    this.clock = clock;
    this.resources = resources;
    this.renewals = renewals;
    this.afterPass = afterPass;
  }

  @Override
  public Result reconcile(Request request) {
    String key = request.getNamespace() + "/" + request.getName();
    try {
      Optional<Duration> renewal = reconcileOnce(request);
      if (renewal.isPresent()) {
        renewals.schedule(request, renewal.get());
      } else {
        renewals.cancel(request);
      }
      return new Result(false);
    } catch (RuntimeException e) {
      Optional<Duration> delay = Requeues.delayOf(e);
      if (delay.isPresent()) {
        LOG.debug("TenantControlPlane {}: {}; requeue in {}", key, e.getMessage(), delay.get());
        return new Result(true, delay.get());
      }
      // Messages only: client and writer exceptions never carry object bodies.
      LOG.warn("TenantControlPlane {}: reconcile failed: {}", key, e.toString());
      return new Result(true);
    }
  }

  /** One pass; the delay after which the certificates need the next one, if any. */
  Optional<Duration> reconcileOnce(Request request) {
    Optional<TenantControlPlane> found =
        clients.tenantControlPlanes().live(request.getNamespace(), request.getName());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    TenantControlPlane tcp = found.get();
    Map<String, String> annotations = tcp.getMetadata().getAnnotations();
    if (annotations != null && annotations.containsKey(PAUSED)) {
      LOG.debug("TenantControlPlane {} is paused", request);
      return Optional.empty();
    }
    if (tcp.getMetadata().getDeletionTimestamp() != null) {
      finalizeDeletion(tcp);
      return Optional.empty();
    }
    String dataStoreName = dataStoreName(tcp);
    DataStore dataStore = DataStores.ready(clients, dataStoreName);
    TenantContext context = new TenantContext(dataStore, clients, writer, options, clock);
    tcp = initialStatus(tcp, dataStore);
    Instant deadline = clock.instant().plus(options.reconcileTimeout());
    List<ManagedResource<TenantControlPlane>> pipeline = new ArrayList<>();
    for (ManagedResource<TenantControlPlane> r : resources.pipeline(context)) {
      pipeline.add(new Deadlined(r, deadline, clock));
    }
    // Last, so that it is reached only by a full pass; written with the pass's other changes.
    pipeline.add(new ObservedGeneration(tcp.getMetadata().getGeneration()));
    try {
      tcp =
          new ResourcePipeline<TenantControlPlane>(
                  this::writeStatus,
                  t -> KubeJson.copy(t, TenantControlPlane.class),
                  // The phase watchers act on, written as soon as it changes.
                  VersionStatus::stored,
                  new ResourcePipeline.ParentWrites<>(
                      t -> t.getMetadata().getResourceVersion(),
                      TenantControlPlaneReconciler::withMetadataOf))
              .run(tcp, pipeline)
              .parent();
    } catch (MigrationResource.MigrationInProgressException e) {
      // The tenant side freezes the tenant while Migrating (kamaji-freeze), so it must hear of
      // the state the stopped pass recorded.
      clients
          .tenantControlPlanes()
          .live(request.getNamespace(), request.getName())
          .ifPresent(afterPass);
      throw e;
    }
    afterPass.accept(tcp);
    return renewalDelay(tcp, context);
  }

  /**
   * Kamaji's certificate-lifecycle controller, as a delayed requeue: the next pass runs exactly
   * when {@code now + --certificate-expiration-deadline} passes the earliest NotAfter of the
   * tenant's certificates and kubeconfigs, instead of waiting for a resync.
   */
  private Optional<Duration> renewalDelay(TenantControlPlane tcp, TenantContext context) {
    Map<PkiSecret, Map<String, byte[]>> data = new EnumMap<>(PkiSecret.class);
    for (PkiSecret secret : PkiSecret.values()) {
      data.put(
          secret,
          context.secretData(
              tcp.getMetadata().getNamespace(), secret.secretName(tcp.getMetadata().getName())));
    }
    return new RenewalSchedule(options.certificateExpirationDeadline())
        .earliest(data)
        .map(at -> RenewalSchedule.delayUntil(at, clock.instant(), RENEWAL_RETRY));
  }

  /**
   * The DataStore the pass provisions on, as Kamaji: the spec's, else the default. When it is not
   * the one recorded in status, the pass first migrates the tenant's data to it.
   */
  String dataStoreName(TenantControlPlane tcp) {
    String fromSpec = tcp.getSpec() == null ? null : tcp.getSpec().getDataStore();
    return fromSpec == null || fromSpec.isEmpty() ? options.defaultDataStore() : fromSpec;
  }

  /**
   * The DataStores a deleted tenant may have data and a user on: the one recorded in status and,
   * after a migration that had begun, the spec's.
   */
  private List<String> dataStoresToTearDown(TenantControlPlane tcp) {
    Set<String> names = new LinkedHashSet<>();
    StatusFields.recordedDataStore(tcp).ifPresent(names::add);
    names.add(dataStoreName(tcp));
    return new ArrayList<>(names);
  }

  /** Provisioning and the DataStore in use, recorded before anything else is created. */
  private TenantControlPlane initialStatus(TenantControlPlane tcp, DataStore dataStore) {
    TenantControlPlaneStatus s = tcp.getStatus();
    boolean hasVersion = VersionStatus.stored(tcp) != null;
    boolean hasStorage =
        s != null && s.getStorage() != null && s.getStorage().getDataStoreName() != null;
    if (hasVersion && hasStorage) {
      return tcp;
    }
    return writeStatus(
        tcp,
        t -> {
          TenantControlPlaneStatus st = status(t);
          if (st.getKubernetesResources() == null) {
            st.setKubernetesResources(new KubernetesResourcesStatus());
          }
          if (st.getKubernetesResources().getVersion() == null
              || st.getKubernetesResources().getVersion().getStatus() == null) {
            st.getKubernetesResources()
                .setVersion(new KubernetesVersionStatus().status(VersionState.PROVISIONING));
          }
          if (st.getStorage() == null) {
            st.setStorage(new StorageStatus());
          }
          if (st.getStorage().getDataStoreName() == null) {
            st.getStorage().setDataStoreName(dataStore.getMetadata().getName());
            st.getStorage().setDriver(dataStore.getSpec().getDriver());
          }
        });
  }

  private void finalizeDeletion(TenantControlPlane tcp) {
    List<String> finalizers = tcp.getMetadata().getFinalizers();
    if (finalizers == null || !finalizers.contains(FINALIZER)) {
      return; // nothing of ours to tear down; the garbage collector removes the owned objects
    }
    // A migration Job lives in another namespace than its TCP: no owner reference removes it.
    String jobNamespace = options.migration().namespace();
    if (clients.jobs().cached(jobNamespace, Names.migrationJob(tcp)).isPresent()) {
      clients.jobs().delete(jobNamespace, Names.migrationJob(tcp));
    }
    for (String name : dataStoresToTearDown(tcp)) {
      Optional<DataStore> dataStore = clients.dataStores().cached(null, name);
      if (dataStore.isEmpty()) {
        // Kamaji gets stuck here (#780); a DataStore that is gone has nothing left to tear down.
        LOG.warn(
            "TenantControlPlane {}: DataStore {} is gone, skipping the datastore teardown",
            key(tcp),
            name);
        continue;
      }
      TenantContext context = new TenantContext(dataStore.get(), clients, writer, options, clock);
      for (TenantResources.DeletableResource r : resources.deletable(context)) {
        r.delete(tcp);
        LOG.debug("TenantControlPlane {}: {} deleted on {}", key(tcp), r.name(), name);
      }
    }
    String namespace = tcp.getMetadata().getNamespace();
    writer.modify(
        clients.tenantControlPlanes(),
        namespace,
        tcp.getMetadata().getName(),
        TenantControlPlane.class,
        false,
        t -> removeFinalizer(t.getMetadata().getFinalizers(), FINALIZER));
    writer.modify(
        clients.secrets(),
        namespace,
        tcp.getMetadata().getName() + "-datastore-config",
        V1Secret.class,
        false,
        s -> removeFinalizer(s.getMetadata().getFinalizers(), DATASTORE_SECRET_FINALIZER));
  }

  private static void removeFinalizer(List<String> finalizers, String finalizer) {
    if (finalizers != null) {
      finalizers.remove(finalizer);
    }
  }

  private TenantControlPlane writeStatus(TenantControlPlane tcp, Consumer<TenantControlPlane> c) {
    return writer
        .modify(clients.tenantControlPlanes(), tcp, TenantControlPlane.class, true, c)
        .orElseThrow(() -> new RequeueException("TenantControlPlane " + key(tcp) + " is gone"));
  }

  /** The stored TenantControlPlane with the metadata the pass's own update of it left. */
  private static TenantControlPlane withMetadataOf(
      TenantControlPlane stored, TenantControlPlane working) {
    TenantControlPlane rebased = KubeJson.copy(stored, TenantControlPlane.class);
    rebased.setMetadata(KubeJson.copy(working.getMetadata(), V1ObjectMeta.class));
    return rebased;
  }

  private static TenantControlPlaneStatus status(TenantControlPlane tcp) {
    return StatusFields.status(tcp);
  }

  private static String key(TenantControlPlane tcp) {
    return tcp.getMetadata().getNamespace() + "/" + tcp.getMetadata().getName();
  }

  /**
   * Records the generation the pass started from (not the stored one: a spec change during the pass
   * has not been reconciled yet).
   */
  private record ObservedGeneration(Long generation)
      implements ManagedResource<TenantControlPlane> {

    @Override
    public String name() {
      return "observed-generation";
    }

    @Override
    public dev.controlplanes.kamaji.controllers.kube.WriteResult createOrUpdate(
        TenantControlPlane tcp) {
      return dev.controlplanes.kamaji.controllers.kube.WriteResult.UNCHANGED;
    }

    @Override
    public boolean shouldUpdateStatus(TenantControlPlane tcp) {
      return !Objects.equals(generation, status(tcp).getObservedGeneration());
    }

    @Override
    public void updateStatus(TenantControlPlane tcp) {
      status(tcp).setObservedGeneration(generation);
    }
  }

  /** Ends the pass (to be retried) once the reconcile timeout has passed. */
  private record Deadlined(ManagedResource<TenantControlPlane> inner, Instant deadline, Clock clock)
      implements ManagedResource<TenantControlPlane> {

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public boolean shouldCleanup(TenantControlPlane parent) {
      if (clock.instant().isAfter(deadline)) {
        throw new RequeueException("reconcile timeout reached before " + inner.name());
      }
      return inner.shouldCleanup(parent);
    }

    @Override
    public dev.controlplanes.kamaji.controllers.kube.WriteResult cleanUp(TenantControlPlane p) {
      return inner.cleanUp(p);
    }

    @Override
    public dev.controlplanes.kamaji.controllers.kube.WriteResult createOrUpdate(
        TenantControlPlane p) {
      return inner.createOrUpdate(p);
    }

    @Override
    public boolean shouldUpdateStatus(TenantControlPlane p) {
      return inner.shouldUpdateStatus(p);
    }

    @Override
    public void updateStatus(TenantControlPlane p) {
      inner.updateStatus(p);
    }
  }
}
