package dev.controlplanes.kamaji.controllers.tenantcontrolplane;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.ControllerOptions;
import dev.controlplanes.kamaji.controllers.datastore.ReferencedSecretEvents;
import dev.controlplanes.kamaji.controllers.kube.GatewayApiObject;
import dev.controlplanes.kamaji.controllers.kube.KubeClients;
import dev.controlplanes.kamaji.controllers.kube.ObjectWriter;
import dev.controlplanes.kamaji.controllers.kube.OwnWrites;
import dev.controlplanes.kamaji.controllers.metrics.ControllerMetrics;
import dev.controlplanes.kamaji.controllers.metrics.TimedResource;
import dev.controlplanes.kamaji.controllers.resources.ManagedResource;
import dev.controlplanes.kamaji.controllers.resources.StatusFields;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import dev.controlplanes.kamaji.controllers.tenant.TenantBootstrap;
import dev.controlplanes.kamaji.controllers.tenant.TenantSideStatus;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.extended.controller.Controller;
import io.kubernetes.client.extended.controller.builder.ControllerBuilder;
import io.kubernetes.client.extended.controller.builder.DefaultControllerBuilder;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.workqueue.DefaultRateLimitingQueue;
import io.kubernetes.client.extended.workqueue.RateLimitingQueue;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;

/**
 * Wires the TenantControlPlane reconciler to its triggers: the TCPs themselves, every owned Secret,
 * ConfigMap, Service, Deployment and Ingress (mapped to the owner, so drift is repaired), and
 * DataStore changes (every TCP on the DataStore). A rate-limited work queue with several workers;
 * the queue never hands out a key that is still being processed.
 */
public final class TenantControlPlaneController {

  /** The controller's name in logs and metrics, as Kamaji's. */
  public static final String NAME = "tenantcontrolplane";

  private TenantControlPlaneController() {}

  public static Controller build(
      SharedInformerFactory informers,
      KubeClients clients,
      ObjectWriter writer,
      ControllerOptions options,
      Clock clock,
      TenantResources resources,
      TenantBootstrap tenantSide,
      ControllerMetrics metrics) {
    RateLimitingQueue<Request> queue =
        metrics.measure(NAME, new DefaultRateLimitingQueue<>(Executors.newSingleThreadExecutor()));
    // A completed tenant-side run is recorded in the status by the pass it asks for.
    tenantSide.whenApplied((namespace, name) -> queue.add(new Request(namespace, name)));
    TenantResources withTenantSide =
        new TenantResources() {
          @Override
          public List<ManagedResource<TenantControlPlane>> pipeline(TenantContext context) {
            List<ManagedResource<TenantControlPlane>> pipeline = new ArrayList<>();
            for (ManagedResource<TenantControlPlane> resource : resources.pipeline(context)) {
              pipeline.add(new TimedResource<>(resource, metrics));
            }
            pipeline.add(
                new TenantSideStatus(
                    tcp ->
                        tenantSide.outcome(
                            tcp.getMetadata().getNamespace(), tcp.getMetadata().getName())));
            return pipeline;
          }

          @Override
          public List<DeletableResource> deletable(TenantContext context) {
            return resources.deletable(context);
          }
        };
    // The echoes of our own writes: the pass that wrote them has already continued from them.
    OwnWrites own = writer.ownWrites();
    DefaultControllerBuilder builder =
        ControllerBuilder.defaultBuilder(informers)
            .withName(NAME)
            .withWorkQueue(queue)
            .withWorkerCount(options.workers())
            .withReconciler(
                metrics.measure(
                    NAME,
                    options.workers(),
                    new TenantControlPlaneReconciler(
                        clients,
                        writer,
                        options,
                        clock,
                        withTenantSide,
                        new RenewalTimer(clock, queue::addAfter),
                        tenantSide)))
            .withReadyFunc(
                () ->
                    informers.getExistingSharedIndexInformer(TenantControlPlane.class).hasSynced()
                        && informers.getExistingSharedIndexInformer(DataStore.class).hasSynced()
                        && informers.getExistingSharedIndexInformer(V1Secret.class).hasSynced())
            .watch(
                q ->
                    ControllerBuilder.controllerWatchBuilder(TenantControlPlane.class, q)
                        .withOnUpdateFilter((o, n) -> !own.isEcho(n))
                        .withOnDeleteFilter(
                            (t, unknown) -> {
                              own.forget(t);
                              return true;
                            })
                        .withWorkQueueKeyFunc(
                            t ->
                                new Request(
                                    t.getMetadata().getNamespace(), t.getMetadata().getName()))
                        .build());
    List<Class<? extends KubernetesObject>> ownedKinds =
        new ArrayList<>(
            List.of(
                V1Secret.class,
                V1ConfigMap.class,
                V1Service.class,
                V1Deployment.class,
                V1Ingress.class));
    if (clients.gatewayApi().installed()) {
      // A route's status (a Gateway accepting it) is what its TenantControlPlane waits for.
      ownedKinds.add(GatewayApiObject.class);
    }
    for (Class<? extends KubernetesObject> owned : ownedKinds) {
      builder = watchOwned(builder, owned, own);
    }
    builder =
        builder.watch(
            q ->
                ControllerBuilder.controllerWatchBuilder(V1Job.class, q)
                    .withOnAddFilter(job -> MigrationJobRequests.of(job).isPresent())
                    .withOnUpdateFilter((o, n) -> MigrationJobRequests.of(n).isPresent())
                    .withOnDeleteFilter((job, unknown) -> MigrationJobRequests.of(job).isPresent())
                    .withWorkQueueKeyFunc(job -> MigrationJobRequests.of(job).orElseThrow())
                    .build());
    DataStoreFanOut fanOut = new DataStoreFanOut(clients, queue);
    informers.getExistingSharedIndexInformer(DataStore.class).addEventHandler(fanOut);
    informers
        .getExistingSharedIndexInformer(V1Secret.class)
        .addEventHandler(new ReferencedSecretEvents(clients.dataStores(), fanOut::enqueueUsers));
    return builder.build();
  }

  private static <T extends KubernetesObject> DefaultControllerBuilder watchOwned(
      DefaultControllerBuilder builder, Class<T> type, OwnWrites own) {
    return builder.watch(
        q ->
            ControllerBuilder.controllerWatchBuilder(type, q)
                .withOnAddFilter(o -> OwnerRequests.owned(o) && !own.isEcho(o))
                .withOnUpdateFilter((o, n) -> OwnerRequests.owned(n) && !own.isEcho(n))
                .withOnDeleteFilter(
                    (o, unknown) -> {
                      own.forget(o);
                      return OwnerRequests.owned(o);
                    })
                .withWorkQueueKeyFunc(o -> OwnerRequests.of(o).orElseThrow())
                .build());
  }

  /**
   * A change of a DataStore, or of a Secret it takes credentials from, re-triggers every
   * TenantControlPlane on it.
   */
  private record DataStoreFanOut(KubeClients clients, RateLimitingQueue<Request> queue)
      implements ResourceEventHandler<DataStore> {

    @Override
    public void onAdd(DataStore dataStore) {
      enqueueUsers(dataStore);
    }

    /**
     * Only what a TenantControlPlane uses (the spec, readiness) re-triggers them: the DataStore's
     * own status bookkeeping ({@code usedBy}, conditions) changes with every tenant added and must
     * not start a pass of every tenant on it.
     */
    @Override
    public void onUpdate(DataStore before, DataStore after) {
      if (!Objects.equals(before.getSpec(), after.getSpec()) || ready(before) != ready(after)) {
        enqueueUsers(after);
      }
    }

    private static boolean ready(DataStore dataStore) {
      return dataStore.getStatus() != null && Boolean.TRUE.equals(dataStore.getStatus().getReady());
    }

    @Override
    public void onDelete(DataStore dataStore, boolean finalStateUnknown) {
      enqueueUsers(dataStore);
    }

    private void enqueueUsers(DataStore dataStore) {
      enqueueUsers(dataStore.getMetadata().getName());
    }

    void enqueueUsers(String name) {
      for (TenantControlPlane tcp : clients.tenantControlPlanes().cachedList()) {
        String recorded = StatusFields.recordedDataStore(tcp).orElse(null);
        String wanted = tcp.getSpec() == null ? null : tcp.getSpec().getDataStore();
        // The wanted one too: a TCP migrating to it waits for it to be Ready.
        if (name.equals(recorded) || name.equals(wanted) || recorded == null && wanted == null) {
          queue.add(new Request(tcp.getMetadata().getNamespace(), tcp.getMetadata().getName()));
        }
      }
    }
  }
}
