package dev.controlplanes.kamaji.controllers.resources.migration;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.KubernetesResourcesStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KubernetesVersionStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.VersionState;
import dev.controlplanes.kamaji.controllers.errors.RequeueException;
import dev.controlplanes.kamaji.controllers.kube.KubeApiException;
import dev.controlplanes.kamaji.controllers.kube.WriteResult;
import dev.controlplanes.kamaji.controllers.model.MigrationJob;
import dev.controlplanes.kamaji.controllers.model.Names;
import dev.controlplanes.kamaji.controllers.resources.ManagedResource;
import dev.controlplanes.kamaji.controllers.resources.StatusFields;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import dev.controlplanes.kamaji.controllers.tenantcontrolplane.VersionStatus;
import io.kubernetes.client.openapi.models.V1Job;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The first resource of a pass (Kamaji §3.2 item 1, §4.1): when {@code spec.dataStore} names
 * another DataStore than the one the tenant's data is on ({@code status.storage.dataStoreName}),
 * the migration Job copies the data over while the TCP is {@code Migrating}, and the pass stops at
 * {@link #gate()} until the Job has completed. Only then do the resources after it set the tenant
 * up on the new DataStore and roll the control plane onto it. Both DataStores must use the same
 * driver, as in Kamaji.
 */
public final class MigrationResource implements ManagedResource<TenantControlPlane> {

  /** Job events requeue the TCP at once; this only bounds a missed one. */
  static final Duration POLL = Duration.ofSeconds(10);

  private final TenantContext context;
  private String waitingFor;

  public MigrationResource(TenantContext context) {
    this.context = context;
  }

  @Override
  public String name() {
    return "migrate";
  }

  /**
   * The DataStore the tenant's data is on, when it is not the one its spec names. A tenant whose
   * storage was never set up has no data to move: it is simply provisioned on the new one.
   */
  static Optional<String> origin(TenantControlPlane tcp, String target) {
    var storage = tcp.getStatus() == null ? null : tcp.getStatus().getStorage();
    boolean setUp =
        storage != null
            && storage.getSetup() != null
            && storage.getSetup().getSchema() != null
            && !storage.getSetup().getSchema().isEmpty();
    return setUp
        ? StatusFields.recordedDataStore(tcp).filter(recorded -> !recorded.equals(target))
        : Optional.empty();
  }

  @Override
  public WriteResult createOrUpdate(TenantControlPlane tcp) {
    DataStore target = context.dataStore();
    String targetName = target.getMetadata().getName();
    Optional<String> origin = origin(tcp, targetName);
    if (origin.isEmpty()) {
      return WriteResult.UNCHANGED;
    }
    DataStore source =
        context
            .clients()
            .dataStores()
            .cached(null, origin.get())
            .orElseThrow(
                () ->
                    new RequeueException(
                        "cannot migrate: the DataStore "
                            + origin.get()
                            + " holding the tenant's data does not exist",
                        POLL));
    if (!Objects.equals(source.getSpec().getDriver(), target.getSpec().getDriver())) {
      throw new RequeueException(
          "cannot migrate from the "
              + source.getSpec().getDriver()
              + " DataStore "
              + origin.get()
              + " to the "
              + target.getSpec().getDriver()
              + " DataStore "
              + targetName
              + ": only DataStores of the same driver can be migrated between",
          POLL);
    }
    String namespace = context.options().migration().namespace();
    String name = Names.migrationJob(tcp);
    Optional<V1Job> job = context.clients().jobs().cached(namespace, name);
    WriteResult result = WriteResult.UNCHANGED;
    if (job.isPresent() && !targetName.equals(MigrationJob.target(job.get()))) {
      // spec.dataStore changed again: that Job copies (or copied) elsewhere. Jobs are immutable,
      // so it goes and the next pass starts one for this target, as Kamaji recreates it.
      context.clients().jobs().delete(namespace, name);
      job = Optional.empty();
      result = WriteResult.DELETED;
    } else if (job.isPresent() && MigrationJob.complete(job.get())) {
      return WriteResult.UNCHANGED; // the data is there: the pass goes on with the target
    } else if (job.isEmpty()) {
      try {
        context
            .clients()
            .jobs()
            .create(MigrationJob.build(tcp, targetName, context.options().migration()));
        result = WriteResult.CREATED;
      } catch (KubeApiException e) {
        if (e.code() != 409) {
          throw e;
        }
        // Created by an earlier pass the cache has not seen yet.
      }
    }
    waitingFor =
        "migrating from DataStore "
            + origin.get()
            + " to "
            + targetName
            + ": Job "
            + namespace
            + "/"
            + name
            + (job.isPresent() && MigrationJob.failed(job.get())
                ? " has failed (delete it to try again)"
                : " has not completed yet");
    return result;
  }

  @Override
  public boolean shouldUpdateStatus(TenantControlPlane tcp) {
    return waitingFor != null && !VersionState.MIGRATING.equals(VersionStatus.stored(tcp));
  }

  @Override
  public void updateStatus(TenantControlPlane tcp) {
    KubernetesResourcesStatus resources = StatusFields.kubernetesResources(tcp);
    if (resources.getVersion() == null) {
      resources.setVersion(new KubernetesVersionStatus());
    }
    resources.getVersion().setStatus(VersionState.MIGRATING);
  }

  /** Ends the pass while the migration runs, after the Migrating state has been recorded. */
  public ManagedResource<TenantControlPlane> gate() {
    return new ManagedResource<>() {
      @Override
      public String name() {
        return "migrate-wait";
      }

      @Override
      public WriteResult createOrUpdate(TenantControlPlane tcp) {
        if (waitingFor != null) {
          throw new MigrationInProgressException(waitingFor, POLL);
        }
        return WriteResult.UNCHANGED;
      }

      @Override
      public boolean shouldUpdateStatus(TenantControlPlane tcp) {
        return false;
      }

      @Override
      public void updateStatus(TenantControlPlane tcp) {}
    };
  }

  /** The pass stops here until the migration Job completes. */
  public static final class MigrationInProgressException extends RequeueException {

    private static final long serialVersionUID = 1L;

    MigrationInProgressException(String message, Duration delay) {
      super(message, delay);
    }
  }
}
