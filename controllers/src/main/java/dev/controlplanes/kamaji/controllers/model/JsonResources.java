package dev.controlplanes.kamaji.controllers.model;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** JSON documents shipped beside the builders, such as upstream components' default settings. */
final class JsonResources {

  private JsonResources() {}

  /** The object in resource {@code name} of this package; a missing one is a packaging bug. */
  static JsonObject read(String name) {
    try (InputStream in = JsonResources.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
