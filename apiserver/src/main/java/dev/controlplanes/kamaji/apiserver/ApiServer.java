package dev.controlplanes.kamaji.apiserver;

import dev.controlplanes.kamaji.apiserver.discovery.DiscoveryDocuments;
import dev.controlplanes.kamaji.apiserver.discovery.DiscoveryHandler;
import dev.controlplanes.kamaji.apiserver.handlers.PatchHandler;
import dev.controlplanes.kamaji.apiserver.handlers.ResourceEndpoint;
import dev.controlplanes.kamaji.apiserver.handlers.ResourceRouter;
import dev.controlplanes.kamaji.apiserver.handlers.ServerSideApply;
import dev.controlplanes.kamaji.apiserver.handlers.SubresourceHandler;
import dev.controlplanes.kamaji.apiserver.handlers.WatchHandler;
import dev.controlplanes.kamaji.apiserver.health.HealthHandler;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import dev.controlplanes.kamaji.apiserver.http.HttpServer;
import dev.controlplanes.kamaji.apiserver.metrics.MetricsHandler;
import dev.controlplanes.kamaji.apiserver.registry.GenericStore;
import dev.controlplanes.kamaji.apiserver.registry.ManagedFieldsTracker;
import dev.controlplanes.kamaji.apiserver.registry.NamespaceLifecycle;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;
import dev.controlplanes.kamaji.apiserver.table.TableConverter;
import dev.controlplanes.kamaji.apiserver.watch.WatchHub;
import dev.controlplanes.kamaji.storage.Store;
import io.prometheus.client.CollectorRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** A running API server: storage, watch hubs and the HTTPS listener, closed together. */
public final class ApiServer implements AutoCloseable {

  public static final String GROUP = "kamaji.clastix.io";
  public static final String VERSION = "v1alpha1";

  private final HttpServer http;
  private final List<WatchHub> hubs;
  private final Map<String, GenericStore> stores;
  private final List<AutoCloseable> attached = new java.util.concurrent.CopyOnWriteArrayList<>();

  private ApiServer(HttpServer http, List<WatchHub> hubs, Map<String, GenericStore> stores) {
    this.http = http;
    this.hubs = hubs;
    this.stores = stores;
  }

  /** The collaborators of a server, built by {@link Main} or by a test. */
  public record Parts(
      Store store,
      List<ResourceRegistration> resources,
      AccessControl accessControl,
      Function<ApiRequest, ApiResponse> openApi,
      NamespaceLifecycle namespaces,
      CollectorRegistry metrics,
      Clock clock) {}

  public static ApiServer start(ServerConfig config, Parts parts) throws InterruptedException {
    Map<String, ResourceEndpoint> endpoints = new LinkedHashMap<>();
    Map<String, GenericStore> stores = new LinkedHashMap<>();
    List<WatchHub> hubs = new ArrayList<>();
    List<ResourceType> types = new ArrayList<>();
    Map<String, SubresourceHandler> custom = new LinkedHashMap<>();
    for (ResourceRegistration r : parts.resources()) {
      GenericStore store =
          new GenericStore(
              r.type(),
              parts.store(),
              config.etcdPrefix(),
              r.checks(),
              new ManagedFieldsTracker(r.type().schema()),
              parts.namespaces(),
              parts.clock());
      WatchHub hub = new WatchHub(store, config.watchHistory());
      hub.start();
      store.useCache(hub);
      r.storeUsers().accept(store);
      hubs.add(hub);
      stores.put(r.type().plural(), store);
      types.add(r.type());
      r.customSubresources()
          .forEach((name, handler) -> custom.put(r.type().plural() + "/" + name, handler));
      endpoints.put(
          r.type().plural(),
          new ResourceEndpoint(store, hub, new TableConverter(r.type(), parts.clock())));
    }
    ResourceRouter router =
        new ResourceRouter(
            GROUP,
            VERSION,
            endpoints,
            custom,
            new WatchHandler(config.bookmarkIntervalMillis(), config.minRequestTimeoutSeconds()),
            new PatchHandler(new ServerSideApply(parts.clock()), parts.accessControl()));
    Map<String, BooleanSupplier> live = new LinkedHashMap<>();
    live.put("ping", () -> true);
    Map<String, BooleanSupplier> ready = new LinkedHashMap<>(live);
    ready.put("etcd", parts.store()::isHealthy);
    ApiServerHandler handler =
        new ApiServerHandler(
            new HealthHandler(live, ready),
            parts.accessControl(),
            new MetricsHandler(parts.metrics()),
            ApiResponse.json(200, versionInfo()),
            parts.openApi(),
            new DiscoveryHandler(GROUP, VERSION, new DiscoveryDocuments(GROUP, VERSION, types)),
            router);
    HttpServer http =
        HttpServer.start(
            config.bindAddress(), config.sslContext(), handler, config.handlerThreads());
    return new ApiServer(http, hubs, stores);
  }

  public InetSocketAddress address() {
    return http.address();
  }

  /** The store of one resource, for the embedded controllers and tests. */
  public GenericStore store(String plural) {
    return stores.get(plural);
  }

  /** This build's version, e.g. {@code v0.1.0} ({@code v0.1.0-dev} outside a packaged jar). */
  public static String version() {
    String version = ApiServer.class.getPackage().getImplementationVersion();
    return version == null ? "v0.1.0-dev" : "v" + version;
  }

  private static byte[] versionInfo() {
    String v = version();
    String json =
        "{\"major\":\"0\",\"minor\":\"1\",\"gitVersion\":\""
            + v
            + "\",\"gitCommit\":\"\",\"gitTreeState\":\"\",\"buildDate\":\"\",\"goVersion\":\"\","
            + "\"compiler\":\"java\",\"platform\":\""
            + System.getProperty("os.name").toLowerCase()
            + "/"
            + System.getProperty("os.arch")
            + "\"}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** Something that runs alongside the server (the embedded controllers), closed first. */
  public void attach(AutoCloseable part) {
    attached.add(part);
  }

  @Override
  public void close() {
    for (AutoCloseable part : attached) {
      try {
        part.close();
      } catch (Exception e) {
        // keep closing the rest
      }
    }
    http.close();
    hubs.forEach(WatchHub::close);
  }
}
