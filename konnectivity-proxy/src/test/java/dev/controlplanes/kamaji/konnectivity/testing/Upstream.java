package dev.controlplanes.kamaji.konnectivity.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the upstream binaries built by {@code hack/build-upstream.sh}: from {@code
 * $KAMAJI_<COMPONENT>_DIR}, or by running the script of the enclosing checkout (cached).
 */
public final class Upstream {

  private Upstream() {}

  /** The directory holding proxy-server, proxy-agent and proxy-test-client. */
  public static Path konnectivity() {
    return dir("konnectivity");
  }

  public static Path kubernetes() {
    return dir("kubernetes");
  }

  public static Path etcd() {
    return dir("etcd");
  }

  public static Path dir(String component) {
    String env = System.getenv("KAMAJI_" + component.toUpperCase() + "_DIR");
    if (env != null && !env.isBlank()) {
      return Paths.get(env);
    }
    Path script = null;
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("hack/build-upstream.sh");
      if (Files.isRegularFile(candidate)) {
        script = candidate;
        break;
      }
    }
    if (script == null) {
      throw new IllegalStateException("run inside the checkout or set KAMAJI_*_DIR");
    }
    try {
      Process build =
          new ProcessBuilder("bash", script.toString(), component)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (build.waitFor() != 0) {
        throw new IllegalStateException(script + " " + component + " failed");
      }
      String[] lines = out.strip().split("\n");
      return Paths.get(lines[lines.length - 1].strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
