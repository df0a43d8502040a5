package dev.controlplanes.kamaji.konnectivity.agent;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * {@code proxy-agent}: accepts the upstream agent's command line. SIGTERM sends DRAIN to every
 * server, waits briefly for in-flight work, then stops.
 */
public final class AgentMain {

  private AgentMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    AgentOptions options;
    try {
      options = AgentOptions.parse(Arrays.asList(args));
    } catch (IllegalArgumentException e) {
      System.err.println("proxy-agent: " + e.getMessage());
      System.exit(2);
      return;
    }
    ProxyAgent agent = ProxyAgent.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  agent.drain();
                  try {
                    Thread.sleep(1000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  agent.close();
                  stopped.countDown();
                },
                "proxy-agent-shutdown"));
    stopped.await();
  }
}
