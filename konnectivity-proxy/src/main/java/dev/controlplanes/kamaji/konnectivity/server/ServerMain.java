package dev.controlplanes.kamaji.konnectivity.server;

import dev.controlplanes.kamaji.konnectivity.leases.KubeconfigClients;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** {@code proxy-server}: accepts the upstream server's command line. */
public final class ServerMain {

  private ServerMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    ServerOptions options;
    try {
      options = ServerOptions.parse(Arrays.asList(args));
    } catch (IllegalArgumentException e) {
      System.err.println("proxy-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    ProxyServer server = start(options, LeaseController.Timing.UPSTREAM);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "proxy-server-shutdown"));
    stopped.await();
  }

  /**
   * Starts the server with what its flags ask of the cluster of {@code --kubeconfig} (in-cluster
   * configuration if empty): TokenReviews of agents, and the server's Lease, which is deleted when
   * the server is closed.
   */
  static ProxyServer start(ServerOptions options, LeaseController.Timing leaseTiming)
      throws IOException {
    if (!options.needsKubernetesClient()) {
      return ProxyServer.start(options, AgentAuthenticator.NONE);
    }
    ApiClient client = KubeconfigClients.build(options.kubeconfig());
    AgentAuthenticator authenticator =
        options.tokenAuthentication()
            ? new TokenReviewAuthenticator(
                client,
                options.agentNamespace(),
                options.agentServiceAccount(),
                options.authenticationAudience())
            : AgentAuthenticator.NONE;
    ProxyServer server = ProxyServer.start(options, authenticator);
    if (options.enableLeaseController()) {
      server.closeFirst(LeaseController.start(client, options, server.metrics(), leaseTiming));
    }
    return server;
  }
}
