package dev.controlplanes.kamaji.apiserver;

import dev.controlplanes.kamaji.api.json.LenientModels;
import dev.controlplanes.kamaji.apiserver.authn.AuthenticationOptions;
import dev.controlplanes.kamaji.apiserver.authn.Authenticator;
import dev.controlplanes.kamaji.apiserver.authn.DelegatingAuthenticator;
import dev.controlplanes.kamaji.apiserver.authn.ExtensionApiserverAuthenticationLoader;
import dev.controlplanes.kamaji.apiserver.authn.LoopbackTokenAuthenticator;
import dev.controlplanes.kamaji.apiserver.authn.ReloadingAuthenticationConfig;
import dev.controlplanes.kamaji.apiserver.authn.TokenReviewAuthenticator;
import dev.controlplanes.kamaji.apiserver.authz.Authorizer;
import dev.controlplanes.kamaji.apiserver.authz.AuthorizerChain;
import dev.controlplanes.kamaji.apiserver.authz.PathAndGroupAuthorizer;
import dev.controlplanes.kamaji.apiserver.authz.SubjectAccessReviewAuthorizer;
import dev.controlplanes.kamaji.apiserver.options.LeaderElectionOptions;
import dev.controlplanes.kamaji.apiserver.options.ServerOptions;
import dev.controlplanes.kamaji.apiserver.registry.NamespaceLifecycle;
import dev.controlplanes.kamaji.apiserver.registry.tenantcontrolplane.GatewayApiAvailability;
import dev.controlplanes.kamaji.apiserver.registry.tenantcontrolplane.KubeconfigSubresource;
import dev.controlplanes.kamaji.apiserver.tls.PemFiles;
import dev.controlplanes.kamaji.apiserver.tls.ServingCertificates;
import dev.controlplanes.kamaji.controllers.Controllers;
import dev.controlplanes.kamaji.controllers.LeaderElectedControllers;
import dev.controlplanes.kamaji.controllers.metrics.ControllerMetrics;
import dev.controlplanes.kamaji.controllers.metrics.KamajiMetrics;
import dev.controlplanes.kamaji.controllers.tenantcontrolplane.TenantResourceCatalog;
import dev.controlplanes.kamaji.storage.Store;
import dev.controlplanes.kamaji.storage.etcd.EtcdStore;
import dev.controlplanes.kamaji.storage.etcd.EtcdStoreConfig;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.Config;
import io.netty.handler.ssl.SslContext;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.hotspot.DefaultExports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Turns validated options into a running server: storage, security, resources, listener. */
public final class ServerAssembly {

  private ServerAssembly() {}

  public static ApiServer start(ServerOptions options) throws IOException, InterruptedException {
    Store store = EtcdStore.connect(etcdConfig(options));
    AuthenticationOptions.Builder auth = AuthenticationOptions.builder();
    options.clientCaFile().ifPresent(auth::clientCaFile);
    options.requestHeaderClientCaFile().ifPresent(auth::requestHeaderClientCaFile);
    options.requestHeaderAllowedNames().ifPresent(auth::requestHeaderAllowedNames);
    Authenticator authenticator;
    Authorizer authorizer;
    ReloadingAuthenticationConfig authConfig;
    NamespaceLifecycle namespaces = NamespaceLifecycle.NONE;
    Optional<KubeconfigSubresource.SecretReader> secrets = Optional.empty();
    Optional<LoopbackTokenAuthenticator> loopback = Optional.empty();
    GatewayApiAvailability gatewayApi = GatewayApiAvailability.ASSUMED;
    Clock clock = Clock.systemUTC();
    boolean managementCluster = options.kubeconfig().isPresent() || options.inCluster();
    if (options.controllers().equals("true") && !managementCluster) {
      throw new IllegalArgumentException(
          "--controllers=true needs a management cluster (--kubeconfig or --in-cluster)");
    }
    if (managementCluster) {
      ApiClient client = managementClient(options);
      authConfig =
          ReloadingAuthenticationConfig.start(
              new ExtensionApiserverAuthenticationLoader(client, auth.build()),
              AuthenticationOptions.DEFAULT_RELOAD_INTERVAL);
      loopback =
          Optional.of(
              LoopbackTokenAuthenticator.generate(
                  Optional.of(new TokenReviewAuthenticator(client))));
      authenticator = DelegatingAuthenticator.create(authConfig, Optional.of(loopback.get()));
      authorizer = AuthorizerChain.delegating(new SubjectAccessReviewAuthorizer(client));
      namespaces = new ManagementClusterNamespaces(client, clock);
      secrets = Optional.of(new ManagementClusterSecrets(client));
      gatewayApi = new ManagementClusterGatewayApi(client, clock);
    } else {
      // Stand-alone: no management cluster to ask, so only system:masters certificates get in.
      authConfig =
          ReloadingAuthenticationConfig.start(
              ExtensionApiserverAuthenticationLoader.withoutCluster(
                  auth.skipLookup(true).requestHeaderRequired(false).build()),
              AuthenticationOptions.DEFAULT_RELOAD_INTERVAL);
      authenticator = DelegatingAuthenticator.create(authConfig, Optional.empty());
      authorizer = AuthorizerChain.of(PathAndGroupAuthorizer.defaults());
    }
    Path cert;
    Path key;
    if (options.tlsCertFile().isPresent() && options.tlsPrivateKeyFile().isPresent()) {
      cert = options.tlsCertFile().get();
      key = options.tlsPrivateKeyFile().get();
    } else {
      Path[] generated =
          ServingCertificates.selfSigned(
              options.certDir(), "localhost", "127.0.0.1", "kamaji-api.kamaji-system.svc");
      cert = generated[0];
      key = generated[1];
    }
    ReloadingAuthenticationConfig issuers = authConfig;
    SslContext ssl =
        ServingCertificates.sslContext(cert, key, () -> issuers.get().clientCertificateIssuers());
    CollectorRegistry metrics = new CollectorRegistry(true);
    DefaultExports.register(metrics);
    List<ResourceRegistration> resources =
        KamajiResources.all(options.defaultDataStore(), secrets, gatewayApi);
    ServerConfig config =
        new ServerConfig(
            new InetSocketAddress(options.bindAddress(), options.securePort()),
            ssl,
            options.etcdPrefix(),
            options.handlerThreads(),
            60_000,
            1800,
            // Decoded recent changes that watches can resume from; older resourceVersions get
            // 410 and relist. Each entry holds two object trees, so this bounds heap use.
            2_000);
    ApiServer server =
        ApiServer.start(
            config,
            new ApiServer.Parts(
                store,
                resources,
                new DelegatedAccessControl(authenticator, authorizer),
                OpenApiEndpoint.create(resources, clock),
                namespaces,
                metrics,
                clock));
    if (loopback.isPresent() && !options.controllers().equals("false")) {
      // Started after the server listens. The controllers reach the management cluster's own
      // kinds through its API server, and ours directly, as kube-apiserver's loopback client.
      LoopbackClients own =
          new LoopbackClients(
              server.address(), PemFiles.readCertificates(cert).get(0), loopback.get().token());
      Supplier<ApiClient> management =
          () -> {
            try {
              return managementClient(options);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          };
      ControllerMetrics controllerMetrics = new ControllerMetrics(metrics);
      // Kamaji's own metrics, from the caches of the controllers this replica runs (none while
      // another replica leads).
      AtomicReference<Controllers> running = new AtomicReference<>();
      new KamajiMetrics(
              ApiServer.version(),
              () -> running.get() == null ? List.of() : running.get().cachedTenantControlPlanes(),
              () -> running.get() == null ? List.of() : running.get().cachedDataStores(),
              () -> running.get() == null ? List.of() : running.get().cachedSecrets(),
              options.controllerOptions().certificateExpirationDeadline(),
              java.time.Clock.systemUTC())
          .register(metrics);
      Supplier<Controllers> controllers =
          () -> {
            Controllers started =
                Controllers.start(
                    management,
                    own,
                    options.controllerOptions(),
                    TenantResourceCatalog.standard(),
                    controllerMetrics);
            running.set(started);
            return started;
          };
      LeaderElectionOptions election = options.leaderElection();
      server.attach(
          election.enabled()
              ? LeaderElectedControllers.start(
                  new LeaderElectedControllers.Election(
                      management.get(),
                      election.namespace(),
                      election.name(),
                      leaderIdentity(),
                      election.leaseDuration(),
                      election.renewDeadline(),
                      election.retryPeriod()),
                  controllers)
              : controllers.get());
    }
    return server;
  }

  /** kube's holder identity: the host name (the pod's name in a cluster) and a random suffix. */
  private static String leaderIdentity() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown";
    }
    return host + "_" + UUID.randomUUID();
  }

  private static ApiClient managementClient(ServerOptions options) throws IOException {
    // A management cluster newer than client-java's models must not break delegated checks.
    LenientModels.install();
    return options.inCluster()
        ? Config.fromCluster()
        : Config.fromConfig(options.kubeconfig().get().toString());
  }

  private static EtcdStoreConfig etcdConfig(ServerOptions options) {
    String[] endpoints = options.etcdServers().toArray(new String[0]);
    if (options.etcdCaFile().isPresent()) {
      return EtcdStoreConfig.of(
          new EtcdStoreConfig.Tls(
              options.etcdCaFile().get(),
              options.etcdCertFile().orElse(null),
              options.etcdKeyFile().orElse(null)),
          endpoints);
    }
    return EtcdStoreConfig.of(endpoints);
  }
}
