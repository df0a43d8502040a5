package dev.controlplanes.kamaji.apiserver.registry;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code continue} value of a paged list, in kube's format: base64url of {@code
 * {"v":"meta.k8s.io/v1","rv":<revision>,"start":"<next key relative to the resource root>"}}.
 */
public record ContinueToken(long revision, String startKey) {

  public String encode() {
    JsonObject token = new JsonObject();
    token.addProperty("v", "meta.k8s.io/v1");
    token.addProperty("rv", revision);
    token.addProperty("start", startKey);
    return Base64.getUrlEncoder().encodeToString(token.toString().getBytes(StandardCharsets.UTF_8));
  }

  public static ContinueToken decode(String value) {
    try {
      JsonObject token =
          JsonParser.parseString(
                  new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8))
              .getAsJsonObject();
      if (!"meta.k8s.io/v1".equals(token.get("v").getAsString())) {
        throw new IllegalArgumentException("unsupported version");
      }
      long revision = token.get("rv").getAsLong();
      String start = token.get("start").getAsString();
      if (revision <= 0 || start.contains("..") || start.startsWith("/")) {
        throw new IllegalArgumentException("bad token");
      }
      return new ContinueToken(revision, start);
    } catch (RuntimeException e) {
      throw Statuses.badRequest("continue key is not valid: " + e.getMessage());
    }
  }
}
