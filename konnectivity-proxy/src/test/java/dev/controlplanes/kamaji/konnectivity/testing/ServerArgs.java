package dev.controlplanes.kamaji.konnectivity.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines of our server for tests: everything on loopback, on free or any ports. */
public final class ServerArgs {

  private ServerArgs() {}

  /** A gRPC frontend on {@code socket}, the agent port on a free port, then {@code extra}. */
  public static List<String> loopback(TestPki pki, Path socket, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--uds-name=" + socket,
                "--server-port=0",
                "--agent-bind-address=127.0.0.1",
                "--agent-port=" + Ports.free(),
                "--admin-port=0",
                "--health-port=0",
                "--health-bind-address=127.0.0.1",
                "--cluster-cert=" + pki.serverCert,
                "--cluster-key=" + pki.serverKey));
    args.addAll(List.of(extra));
    return args;
  }
}
