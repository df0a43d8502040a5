package dev.controlplanes.kamaji.controllers;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.datastore.DataStoreReconciler;
import dev.controlplanes.kamaji.controllers.datastore.ReferencedSecretEvents;
import dev.controlplanes.kamaji.controllers.kube.GatewayApi;
import dev.controlplanes.kamaji.controllers.kube.KubeClients;
import dev.controlplanes.kamaji.controllers.kube.ObjectWriter;
import dev.controlplanes.kamaji.controllers.metrics.ControllerMetrics;
import dev.controlplanes.kamaji.controllers.resources.StatusFields;
import dev.controlplanes.kamaji.controllers.tenant.TenantBootstrap;
import dev.controlplanes.kamaji.controllers.tenant.TenantWebhook;
import dev.controlplanes.kamaji.controllers.tenantcontrolplane.TenantControlPlaneController;
import dev.controlplanes.kamaji.controllers.tenantcontrolplane.TenantResources;
import io.kubernetes.client.extended.controller.Controller;
import io.kubernetes.client.extended.controller.ControllerManager;
import io.kubernetes.client.extended.controller.builder.ControllerBuilder;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.workqueue.DefaultRateLimitingQueue;
import io.kubernetes.client.extended.workqueue.RateLimitingQueue;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded controllers: shared informers over the management cluster's owned core objects and
 * over TenantControlPlanes and DataStores, the TenantControlPlane and DataStore controllers, and
 * their lifecycle. They use only client-java, as an out-of-process controller would.
 */
public final class Controllers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Controllers.class);

  private static final String DATASTORE = "datastore";

  private final SharedInformerFactory informers;
  private final ControllerManager manager;
  private final ExecutorService runner;
  private final KubeClients clients;
  private final TenantBootstrap bootstrap;
  private volatile boolean closed;

  private Controllers(
      SharedInformerFactory informers,
      ControllerManager manager,
      ExecutorService runner,
      KubeClients clients,
      TenantBootstrap bootstrap) {
    this.informers = informers;
    this.manager = manager;
    this.runner = runner;
    this.clients = clients;
    this.bootstrap = bootstrap;
  }

  /**
   * Builds and starts everything in the background.
   *
   * @param clients makes a new client for the management cluster each call (the informers get one
   *     of their own, without read timeout)
   * @param kamajiClients the same for TenantControlPlanes and DataStores: the management cluster's
   *     aggregation layer, or a direct client of the server that serves them
   * @param metrics where the controllers' reconciles and work queues are counted
   */
  public static Controllers start(
      Supplier<ApiClient> clients,
      Supplier<ApiClient> kamajiClients,
      ControllerOptions options,
      TenantResources resources,
      ControllerMetrics metrics) {
    ApiClient watchClient = watchClient(clients);
    SharedInformerFactory informers = new SharedInformerFactory(watchClient);
    KubeClients kube =
        KubeClients.register(
            informers,
            new KubeClients.Clients(watchClient, client(clients, options)),
            new KubeClients.Clients(watchClient(kamajiClients), client(kamajiClients, options)),
            GatewayApi.discover(informers, watchClient, client(clients, options)),
            options.migration().namespace());
    ObjectWriter writer = new ObjectWriter();
    Clock clock = Clock.systemUTC();
    TenantBootstrap bootstrap =
        new TenantBootstrap(
            kube.secrets(),
            kube.configMaps(),
            kube.tenantControlPlanes(),
            options.tenantEndpoint(),
            options.tenantNetworks(),
            options.tenantResyncPeriod(),
            TenantWebhook.of(options.webhookServerUrl(), options.webhookCaPath()),
            clock);
    Controller tenantControlPlanes =
        TenantControlPlaneController.build(
            informers, kube, writer, options, clock, resources, bootstrap, metrics);
    RateLimitingQueue<Request> dataStoreQueue =
        metrics.measure(
            DATASTORE, new DefaultRateLimitingQueue<>(Executors.newSingleThreadExecutor()));
    // A rotated or deleted credential Secret re-validates the DataStores that use it.
    informers
        .getExistingSharedIndexInformer(V1Secret.class)
        .addEventHandler(
            new ReferencedSecretEvents(
                kube.dataStores(), name -> dataStoreQueue.add(new Request(name))));
    Controller dataStores =
        ControllerBuilder.defaultBuilder(informers)
            .withName(DATASTORE)
            .withWorkQueue(dataStoreQueue)
            .withWorkerCount(1)
            .withReconciler(
                metrics.measure(DATASTORE, 1, new DataStoreReconciler(kube, writer, clock)))
            .withReadyFunc(() -> synced(informers))
            .watch(
                queue ->
                    ControllerBuilder.controllerWatchBuilder(DataStore.class, queue)
                        .withWorkQueueKeyFunc(d -> new Request(d.getMetadata().getName()))
                        .withResyncPeriod(Duration.ofMinutes(1))
                        .build())
            .watch(
                queue ->
                    ControllerBuilder.controllerWatchBuilder(TenantControlPlane.class, queue)
                        .withOnAddFilter(t -> dataStoreOf(t) != null)
                        // usedBy depends only on which DataStore each TCP records; the many
                        // other status writes of a provisioning TCP must not re-run this.
                        .withOnUpdateFilter(
                            (o, n) ->
                                dataStoreOf(n) != null && !dataStoreOf(n).equals(dataStoreOf(o)))
                        .withOnDeleteFilter((t, unknown) -> dataStoreOf(t) != null)
                        .withWorkQueueKeyFunc(t -> new Request(dataStoreOf(t)))
                        .build())
            .build();
    ControllerManager manager =
        ControllerBuilder.controllerManagerBuilder(informers)
            .addController(tenantControlPlanes)
            .addController(dataStores)
            .build();
    ExecutorService runner =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "kamaji-controllers");
              t.setDaemon(true);
              return t;
            });
    runner.submit(manager);
    LOG.info(
        "controllers started: {} TenantControlPlane workers, default DataStore {}, tenant"
            + " endpoint {}",
        options.workers(),
        options.defaultDataStore(),
        options.tenantEndpoint());
    return new Controllers(informers, manager, runner, kube, bootstrap);
  }

  private static ApiClient watchClient(Supplier<ApiClient> clients) {
    ApiClient client = clients.get();
    client.setHttpClient(client.getHttpClient().newBuilder().readTimeout(Duration.ZERO).build());
    return client;
  }

  private static ApiClient client(Supplier<ApiClient> clients, ControllerOptions options) {
    ApiClient client = clients.get();
    client.setHttpClient(
        client.getHttpClient().newBuilder().readTimeout(options.reconcileTimeout()).build());
    return client;
  }

  /** Whether every informer has listed once. */
  public boolean hasSynced() {
    return synced(informers);
  }

  public KubeClients clients() {
    return clients;
  }

  private static boolean synced(SharedInformerFactory informers) {
    return informers.getExistingSharedIndexInformer(TenantControlPlane.class).hasSynced()
        && informers.getExistingSharedIndexInformer(DataStore.class).hasSynced()
        && informers.getExistingSharedIndexInformer(V1Secret.class).hasSynced();
  }

  private static String dataStoreOf(TenantControlPlane tcp) {
    return StatusFields.recordedDataStore(tcp).orElse(null);
  }

  /** The cached TenantControlPlanes, or none once these controllers are closed. */
  public List<TenantControlPlane> cachedTenantControlPlanes() {
    return closed ? List.of() : clients.tenantControlPlanes().cachedList();
  }

  /** The cached Secrets, or none once these controllers are closed. */
  public List<V1Secret> cachedSecrets() {
    return closed ? List.of() : clients.secrets().cachedList();
  }

  /** The cached DataStores, or none once these controllers are closed. */
  public List<DataStore> cachedDataStores() {
    return closed ? List.of() : clients.dataStores().cachedList();
  }

  @Override
  public void close() {
    closed = true;
    manager.shutdown();
    bootstrap.close();
    informers.stopAllRegisteredInformers();
    runner.shutdownNow();
    clients.dataStoreConnections().close();
  }
}
