package dev.controlplanes.kamaji.apiserver;

import dev.controlplanes.kamaji.apiserver.options.ServerOptions;
import dev.controlplanes.kamaji.controllers.migrate.MigrateCommand;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the aggregated API server from command-line flags, or with {@code migrate ...} copies a
 * tenant's data to another DataStore (what the migration Job runs in this image, as in Kamaji's).
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("migrate")) {
      System.exit(MigrateCommand.run(Arrays.copyOfRange(args, 1, args.length)));
      return;
    }
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
