package dev.controlplanes.kamaji.konnectivity.server;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.FileReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
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
    ProxyServer server = ProxyServer.start(options, authenticator(options));
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

  /** TokenReview against the cluster of {@code --kubeconfig} (in-cluster config if empty). */
  static AgentAuthenticator authenticator(ServerOptions options) throws IOException {
    if (!options.tokenAuthentication()) {
      return AgentAuthenticator.NONE;
    }
    ApiClient client;
    if (options.kubeconfig().isEmpty()) {
      client = ClientBuilder.cluster().build();
    } else {
      try (Reader r = new FileReader(options.kubeconfig(), StandardCharsets.UTF_8)) {
        KubeConfig kubeconfig = KubeConfig.loadKubeConfig(r);
        // Relative certificate paths in the file are relative to the file itself.
        kubeconfig.setFile(new java.io.File(options.kubeconfig()));
        client = ClientBuilder.kubeconfig(kubeconfig).build();
      }
    }
    return new TokenReviewAuthenticator(
        client,
        options.agentNamespace(),
        options.agentServiceAccount(),
        options.authenticationAudience());
  }
}
