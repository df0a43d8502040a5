package dev.controlplanes.kamaji.controllers.datastore;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreStatus;
import dev.controlplanes.kamaji.api.v1alpha1.SecretReference;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.errors.Requeues;
import dev.controlplanes.kamaji.controllers.kube.KubeClients;
import dev.controlplanes.kamaji.controllers.kube.ObjectWriter;
import dev.controlplanes.kamaji.controllers.resources.StatusFields;
import dev.controlplanes.kamaji.controllers.tenantcontrolplane.TenantControlPlaneReconciler;
import io.kubernetes.client.extended.controller.reconciler.Reconciler;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.controller.reconciler.Result;
import io.kubernetes.client.openapi.models.V1Condition;
import io.kubernetes.client.openapi.models.V1Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kamaji's DataStore controller (§2): the Validation condition (referenced Secrets exist), {@code
 * ready}, {@code usedBy} (TenantControlPlanes whose status.storage.dataStoreName is this
 * DataStore), the AllowedDeletion condition, and the finalizer that keeps a DataStore in use from
 * being deleted and is removed once nothing uses it.
 */
public final class DataStoreReconciler implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(DataStoreReconciler.class);

  public static final String FINALIZER = "kamaji.clastix.io/TenantControlPlane";
  public static final String VALIDATION = "kamaji.clastix.io/DataStoreValidation";
  public static final String ALLOWED_DELETION = "kamaji.clastix.io/DataStoreAllowedDeletion";
  public static final String STILL_USED = "DataStoreStillUsed";
  public static final String UNUSED = "DataStoreUnused";

  private final KubeClients clients;
  private final ObjectWriter writer;
  private final Clock clock;

  public DataStoreReconciler(KubeClients clients, ObjectWriter writer, Clock clock) {
    this.clients = clients;
    this.writer = writer;
    this.clock = clock;
  }

  @Override
  public Result reconcile(Request request) {
    try {
      reconcileOnce(request.getName());
      return new Result(false);
    } catch (RuntimeException e) {
      Optional<Duration> delay = Requeues.delayOf(e);
      if (delay.isPresent()) {
        LOG.debug("DataStore {}: {}", request.getName(), e.getMessage());
        return new Result(true, delay.get());
      }
      LOG.warn("DataStore {}: reconcile failed: {}", request.getName(), e.toString());
      return new Result(true);
    }
  }

  void reconcileOnce(String name) {
    Optional<DataStore> found = clients.dataStores().live(null, name);
    if (found.isEmpty()) {
      return;
    }
    DataStore dataStore = found.get();
    Map<String, String> annotations = dataStore.getMetadata().getAnnotations();
    if (annotations != null && annotations.containsKey(TenantControlPlaneReconciler.PAUSED)) {
      return;
    }
    List<String> usedBy = usedBy(name);
    boolean deleting = dataStore.getMetadata().getDeletionTimestamp() != null;
    boolean hasFinalizer =
        dataStore.getMetadata().getFinalizers() != null
            && dataStore.getMetadata().getFinalizers().contains(FINALIZER);
    if (!deleting && !hasFinalizer) {
      setFinalizer(name, true);
    }
    DataStoreChecks.Verdict verdict = DataStoreChecks.validate(dataStore, this::secretKeyExists);
    Long generation = dataStore.getMetadata().getGeneration();
    writer.modify(
        clients.dataStores(),
        dataStore,
        DataStore.class,
        true,
        d -> {
          if (d.getStatus() == null) {
            d.setStatus(new DataStoreStatus());
          }
          DataStoreStatus s = d.getStatus();
          s.setUsedBy(usedBy.isEmpty() ? null : usedBy);
          s.setReady(verdict.valid());
          s.setObservedGeneration(generation);
          s.setConditions(
              setCondition(
                  setCondition(
                      s.getConditions(),
                      VALIDATION,
                      verdict.valid(),
                      verdict.reason(),
                      verdict.message(),
                      generation),
                  ALLOWED_DELETION,
                  usedBy.isEmpty(),
                  usedBy.isEmpty() ? UNUSED : STILL_USED,
                  usedBy.isEmpty()
                      ? "no TenantControlPlane uses the DataStore"
                      : "used by " + String.join(", ", usedBy),
                  generation));
        });
    if (deleting && usedBy.isEmpty() && hasFinalizer) {
      setFinalizer(name, false);
    } else if (deleting) {
      LOG.info("DataStore {} is being deleted but is still used by {}", name, usedBy);
    }
  }

  private void setFinalizer(String name, boolean present) {
    writer.modify(
        clients.dataStores(),
        null,
        name,
        DataStore.class,
        false,
        d -> {
          List<String> finalizers =
              d.getMetadata().getFinalizers() == null
                  ? new ArrayList<>()
                  : new ArrayList<>(d.getMetadata().getFinalizers());
          finalizers.remove(FINALIZER);
          if (present) {
            finalizers.add(FINALIZER);
          }
          d.getMetadata().setFinalizers(finalizers.isEmpty() ? null : finalizers);
        });
  }

  /** TenantControlPlanes on this DataStore, as {@code namespace/name}, sorted. */
  List<String> usedBy(String dataStore) {
    List<String> users = new ArrayList<>();
    for (TenantControlPlane tcp : clients.tenantControlPlanes().cachedList()) {
      if (StatusFields.recordedDataStore(tcp).filter(dataStore::equals).isPresent()) {
        users.add(tcp.getMetadata().getNamespace() + "/" + tcp.getMetadata().getName());
      }
    }
    users.sort(null);
    return users;
  }

  private boolean secretKeyExists(SecretReference ref) {
    if (ref.getName() == null || ref.getNamespace() == null) {
      return false;
    }
    Optional<V1Secret> secret = clients.secrets().cached(ref.getNamespace(), ref.getName());
    if (secret.isEmpty()) {
      secret = clients.secrets().live(ref.getNamespace(), ref.getName());
    }
    return secret
        .map(
            s ->
                ref.getKeyPath() == null
                    || (s.getData() != null && s.getData().containsKey(ref.getKeyPath()))
                    || (s.getStringData() != null
                        && s.getStringData().containsKey(ref.getKeyPath())))
        .orElse(false);
  }

  /** Sets a condition, keeping its transition time when the status does not change. */
  private List<V1Condition> setCondition(
      List<V1Condition> conditions,
      String type,
      boolean status,
      String reason,
      String message,
      Long generation) {
    List<V1Condition> out = new ArrayList<>();
    String value = status ? "True" : "False";
    OffsetDateTime transition =
        OffsetDateTime.now(clock).withNano(0).withOffsetSameInstant(ZoneOffset.UTC);
    if (conditions != null) {
      for (V1Condition c : conditions) {
        if (type.equals(c.getType())) {
          if (value.equals(c.getStatus()) && c.getLastTransitionTime() != null) {
            transition = c.getLastTransitionTime();
          }
        } else {
          out.add(c);
        }
      }
    }
    out.add(
        new V1Condition()
            .type(type)
            .status(value)
            .reason(reason)
            .message(Objects.requireNonNullElse(message, ""))
            .observedGeneration(generation)
            .lastTransitionTime(transition));
    out.sort((a, b) -> a.getType().compareTo(b.getType()));
    return out;
  }
}
