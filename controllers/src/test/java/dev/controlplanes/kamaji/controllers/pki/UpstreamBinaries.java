package dev.controlplanes.kamaji.controllers.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds a cached upstream build through {@code hack/build-upstream.sh} of the enclosing checkout.
 */
final class UpstreamBinaries {

  private UpstreamBinaries() {}

  static Path directory(String component) {
    Path script = null;
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("hack/build-upstream.sh");
      if (Files.isRegularFile(candidate)) {
        script = candidate;
        break;
      }
    }
    if (script == null) {
      throw new IllegalStateException("run from inside the checkout (hack/build-upstream.sh)");
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
      throw new IllegalStateException("interrupted", e);
    }
  }
}
