package dev.controlplanes.kamaji.controllers.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes Secret contents as files ({@code <dir>/<secret name>/<key>}), as a pod would mount them.
 */
final class PkiFiles {

  private PkiFiles() {}

  static void write(Path dir, List<SecretContent> contents) {
    for (SecretContent content : contents) {
      Path secretDir = dir.resolve(content.name());
      try {
        Files.createDirectories(secretDir);
        for (Map.Entry<String, byte[]> entry : content.data().entrySet()) {
          Files.write(secretDir.resolve(entry.getKey()), entry.getValue());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static Path file(Path dir, PkiSecret secret, String tenant, String key) {
    return dir.resolve(secret.secretName(tenant)).resolve(key);
  }

  static void deleteRecursively(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
