package dev.controlplanes.kamaji.konnectivity.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The upstream {@code proxy-agent} as a child process, connecting to 127.0.0.1. */
public final class UpstreamAgent implements AutoCloseable {

  private final List<String> command;
  private final Path log;
  private Process process;

  public UpstreamAgent(
      Path binDir, TestPki pki, int serverPort, String agentId, Path log, String... extraArgs) {
    this.log = log;
    command =
        new ArrayList<>(
            List.of(
                binDir.resolve("proxy-agent").toString(),
                "--ca-cert=" + pki.caCert,
                "--proxy-server-host=127.0.0.1",
                "--proxy-server-port=" + serverPort,
                "--health-server-host=127.0.0.1",
                "--health-server-port=" + Ports.free(),
                "--admin-server-port=" + Ports.free(),
                "--agent-id=" + agentId,
                "--sync-interval=200ms",
                "--probe-interval=200ms",
                "-v=2"));
    command.addAll(List.of(extraArgs));
  }

  public UpstreamAgent start() throws IOException {
    process = Processes.start(command, log);
    return this;
  }

  /** SIGKILL, as a crashed node would. */
  public void kill() throws InterruptedException {
    Processes.kill(process);
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  @Override
  public void close() {
    Processes.stop(process);
  }
}
