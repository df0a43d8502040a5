package dev.controlplanes.kamaji.storage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * The directory of a pinned upstream component's binaries (etcd, kubernetes, kine, konnectivity,
 * kwok): {@code $KAMAJI_<COMPONENT>_DIR} when set (hack/test.sh sets KAMAJI_ETCD_DIR), otherwise
 * what {@code hack/build-upstream.sh <component>} of the enclosing checkout prints, which builds
 * the component once and then answers from the cache.
 */
public final class UpstreamBinaries {

  private UpstreamBinaries() {}

  public static Path directory(String component) {
    String fromEnv = System.getenv("KAMAJI_" + component.toUpperCase(Locale.ROOT) + "_DIR");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Paths.get(fromEnv);
    }
    Path script = script();
    try {
      Process build =
          new ProcessBuilder("bash", script.toString(), component)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (build.waitFor() != 0) {
        throw new IllegalStateException(
            script + " " + component + " failed with status " + build.exitValue());
      }
      String[] lines = out.strip().split("\n");
      return Paths.get(lines[lines.length - 1].strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building " + component, e);
    }
  }

  private static Path script() {
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("hack/build-upstream.sh");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "set KAMAJI_<COMPONENT>_DIR, or run from inside the checkout (hack/build-upstream.sh)");
  }
}
