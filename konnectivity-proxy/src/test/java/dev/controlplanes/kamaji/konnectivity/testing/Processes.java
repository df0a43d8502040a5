package dev.controlplanes.kamaji.konnectivity.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Child processes of a test, with output in a log file and a hard stop. */
public final class Processes {

  private Processes() {}

  public static Process start(List<String> command, Path log) throws IOException {
    ProcessBuilder b = new ProcessBuilder(command);
    // Go's proxy-test-client closes its tunnel on *any* signal, including the SIGURG the Go
    // runtime uses for asynchronous preemption; long transfers would then fail at random.
    b.environment().put("GODEBUG", "asyncpreemptoff=1");
    return b.redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /** Runs to completion and returns the exit status. */
  public static int run(List<String> command, Path log, long timeoutSeconds)
      throws IOException, InterruptedException {
    Process p = start(command, log);
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      stop(p);
      throw new IllegalStateException("timed out: " + command.get(0));
    }
    return p.exitValue();
  }

  public static void stop(Process p) {
    if (p == null) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static void kill(Process p) throws InterruptedException {
    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
  }
}
