package dev.controlplanes.kamaji.apiserver.openapi;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one encoding of served documents: compact JSON, object keys sorted at every level, arrays in
 * their order. Equal input gives equal bytes, on every replica and after every restart.
 */
final class CanonicalJson {

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private CanonicalJson() {}

  static byte[] encode(JsonElement element) {
    return GSON.toJson(sorted(element)).getBytes(StandardCharsets.UTF_8);
  }

  /** kube-openapi's ETag and hash: the upper-case hex SHA-512 of the bytes. */
  static String sha512Hex(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-512").digest(bytes);
      return HexFormat.of().withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-512", e);
    }
  }

  private static JsonElement sorted(JsonElement element) {
    if (element.isJsonObject()) {
      Map<String, JsonElement> entries = new TreeMap<>();
      element.getAsJsonObject().entrySet().forEach(e -> entries.put(e.getKey(), e.getValue()));
      JsonObject out = new JsonObject();
      entries.forEach((key, value) -> out.add(key, sorted(value)));
      return out;
    }
    if (element.isJsonArray()) {
      JsonArray out = new JsonArray();
      element.getAsJsonArray().forEach(item -> out.add(sorted(item)));
      return out;
    }
    return element;
  }
}
