package dev.controlplanes.kamaji.apiserver;

import dev.controlplanes.kamaji.apiserver.options.ServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the aggregated API server from command-line flags. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    ServerOptions options;
    try {
      options = ServerOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("kamaji-apiserver: " + e.getMessage());
      System.exit(2);
      return;
    }
    ApiServer server = ServerAssembly.start(options);
    LOG.info("serving kamaji.clastix.io/v1alpha1 on https://{}", server.address());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
    Thread.currentThread().join();
  }
}
