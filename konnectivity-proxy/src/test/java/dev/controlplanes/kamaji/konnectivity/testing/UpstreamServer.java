package dev.controlplanes.kamaji.konnectivity.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The upstream {@code proxy-server} as a child process: gRPC frontend on a Unix socket. */
public final class UpstreamServer implements AutoCloseable {

  public final int agentPort;
  public final int healthPort = Ports.free();
  public final int adminPort = Ports.free();
  private final Process process;

  public UpstreamServer(Path binDir, TestPki pki, Path socket, Path log, String... extraArgs)
      throws IOException, InterruptedException {
    this(binDir, pki, socket, log, Ports.free(), extraArgs);
  }

  public UpstreamServer(
      Path binDir, TestPki pki, Path socket, Path log, int agentPort, String... extraArgs)
      throws IOException, InterruptedException {
    this.agentPort = agentPort;
    List<String> cmd =
        new ArrayList<>(
            List.of(
                binDir.resolve("proxy-server").toString(),
                "--mode=grpc",
                "--uds-name=" + socket,
                "--server-port=0",
                "--cluster-cert=" + pki.serverCert,
                "--cluster-key=" + pki.serverKey,
                "--agent-bind-address=127.0.0.1",
                "--agent-port=" + agentPort,
                "--health-bind-address=127.0.0.1",
                "--health-port=" + healthPort,
                "--admin-port=" + adminPort,
                "--server-count=1",
                "--server-id=upstream-server",
                "-v=1"));
    cmd.addAll(List.of(extraArgs));
    process = Processes.start(cmd, log);
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (true) {
      try (Socket s = new Socket("127.0.0.1", agentPort)) {
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          close();
          throw new IllegalStateException("upstream proxy-server did not start, see " + log);
        }
        Thread.sleep(100);
      }
    }
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    Processes.stop(process);
  }
}
