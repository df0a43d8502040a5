package dev.controlplanes.kamaji.api;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Test fixtures: YAML manifests from the classpath and inline JSON, as Gson trees. */
public final class Fixtures {

  private static final Gson GSON = new Gson();

  private Fixtures() {}

  /** Loads {@code /samples/<name>} (YAML) as a JSON object. */
  public static JsonObject sample(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/samples/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no such sample: " + name);
      }
      Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      JsonElement tree = GSON.toJsonTree(document);
      return JsonParser.parseString(tree.toString()).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses lenient JSON (single quotes allowed) into an object. */
  public static JsonObject json(String text) {
    return JsonParser.parseString(text).getAsJsonObject();
  }
}
