package dev.controlplanes.kamaji.apiserver.codec;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/** The one JSON/YAML codec of the server: object trees are Gson elements. */
public final class Codec {

  private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().create();
  private static final Gson PRETTY =
      new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();

  private Codec() {}

  /** Parses a JSON document strictly (no comments, no trailing garbage). */
  public static JsonElement parseJson(byte[] body) {
    JsonReader reader = new JsonReader(new StringReader(new String(body, StandardCharsets.UTF_8)));
    reader.setStrictness(Strictness.STRICT);
    JsonElement element = JsonParser.parseReader(reader);
    try {
      if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
        throw new JsonParseException("unexpected content after the JSON document");
      }
    } catch (java.io.IOException e) {
      throw new JsonParseException(e);
    }
    return element;
  }

  /**
   * The paths of the object keys that occur more than once in a JSON document (e.g. {@code
   * metadata.name}), in document order; empty when there are none or the document does not parse.
   * The parser keeps the last value of a duplicated key, so fieldValidation must decide about them.
   */
  public static List<String> duplicateFields(byte[] body) {
    JsonReader reader = new JsonReader(new StringReader(new String(body, StandardCharsets.UTF_8)));
    reader.setStrictness(Strictness.STRICT);
    List<String> duplicates = new ArrayList<>();
    try {
      scanDuplicates(reader, "", duplicates);
    } catch (java.io.IOException | RuntimeException e) {
      return List.of();
    }
    return duplicates;
  }

  private static void scanDuplicates(JsonReader reader, String path, List<String> duplicates)
      throws java.io.IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT -> {
        reader.beginObject();
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (reader.hasNext()) {
          String name = reader.nextName();
          String child = path.isEmpty() ? name : path + "." + name;
          if (!seen.add(name) && !duplicates.contains(child)) {
            duplicates.add(child);
          }
          scanDuplicates(reader, child, duplicates);
        }
        reader.endObject();
      }
      case BEGIN_ARRAY -> {
        reader.beginArray();
        for (int i = 0; reader.hasNext(); i++) {
          scanDuplicates(reader, path + "[" + i + "]", duplicates);
        }
        reader.endArray();
      }
      default -> reader.skipValue();
    }
  }

  /** Parses YAML (of which JSON is a subset) with JSON-compatible scalar typing. */
  public static JsonElement parseYaml(byte[] body) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    Yaml yaml =
        new Yaml(
            new SafeConstructor(options),
            new Representer(new DumperOptions()),
            new DumperOptions(),
            options,
            new JsonScalarResolver());
    Object value = yaml.load(new String(body, StandardCharsets.UTF_8));
    return toJson(value);
  }

  public static byte[] toJsonBytes(JsonElement element, boolean pretty) {
    return (pretty ? PRETTY : COMPACT).toJson(element).getBytes(StandardCharsets.UTF_8);
  }

  public static String toJsonString(JsonElement element) {
    return COMPACT.toJson(element);
  }

  public static byte[] toYamlBytes(JsonElement element) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndicatorIndent(0);
    Yaml yaml = new Yaml(options);
    return yaml.dump(toJava(element)).getBytes(StandardCharsets.UTF_8);
  }

  private static JsonElement toJson(Object value) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    if (value instanceof Map<?, ?> map) {
      JsonObject object = new JsonObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        object.add(String.valueOf(e.getKey()), toJson(e.getValue()));
      }
      return object;
    }
    if (value instanceof List<?> list) {
      JsonArray array = new JsonArray();
      list.forEach(v -> array.add(toJson(v)));
      return array;
    }
    if (value instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
      return new JsonPrimitive((Number) value);
    }
    if (value instanceof Double d) {
      return new JsonPrimitive(BigDecimal.valueOf(d));
    }
    if (value instanceof Number n) {
      return new JsonPrimitive(n);
    }
    if (value instanceof byte[] bytes) {
      return new JsonPrimitive(java.util.Base64.getEncoder().encodeToString(bytes));
    }
    return new JsonPrimitive(String.valueOf(value));
  }

  private static Object toJava(JsonElement element) {
    if (element == null || element.isJsonNull()) {
      return null;
    }
    if (element.isJsonObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      element.getAsJsonObject().entrySet().forEach(e -> map.put(e.getKey(), toJava(e.getValue())));
      return map;
    }
    if (element.isJsonArray()) {
      List<Object> list = new ArrayList<>();
      element.getAsJsonArray().forEach(e -> list.add(toJava(e)));
      return list;
    }
    JsonPrimitive p = element.getAsJsonPrimitive();
    if (p.isBoolean()) {
      return p.getAsBoolean();
    }
    if (p.isNumber()) {
      BigDecimal d = p.getAsBigDecimal();
      try {
        return d.toBigIntegerExact();
      } catch (ArithmeticException e) {
        return d.doubleValue();
      }
    }
    return p.getAsString();
  }

  /**
   * Resolves plain scalars like YAML 1.2's JSON schema: only true/false, null, integers and floats
   * are typed. YAML 1.1's yes/no booleans, sexagesimal numbers and timestamps stay strings, as they
   * do in kubectl's YAML-to-JSON conversion.
   */
  private static final class JsonScalarResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(
          Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
      addImplicitResolver(Tag.INT, Pattern.compile("^(?:[-+]?(?:0|[1-9][0-9]*))$"), "-+0123456789");
      addImplicitResolver(
          Tag.FLOAT,
          Pattern.compile("^(?:[-+]?(?:0|[1-9][0-9]*)(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)$"),
          "-+0123456789");
      addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL| )$"), "~nN\0");
      addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
    }
  }
}
