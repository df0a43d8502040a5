package dev.controlplanes.kamaji.apiserver.handlers;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.codec.Codec;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import dev.controlplanes.kamaji.apiserver.negotiation.Output;
import dev.controlplanes.kamaji.apiserver.registry.ListPage;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;
import dev.controlplanes.kamaji.apiserver.table.PartialObjects;
import dev.controlplanes.kamaji.apiserver.table.TableConverter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders objects and lists in the negotiated shape and format. */
final class Responses {

  private static final List<Map.Entry<String, String>> JSON_HEADERS =
      List.of(
          Map.entry("Content-Type", Output.JSON.contentType()),
          Map.entry("Cache-Control", "no-cache, private"));
  // Shared by every list; written, never changed.
  private static final byte[] COMMA = {','};
  private static final byte[] END_OF_LIST = {']', '}'};

  private Responses() {}

  static ApiResponse object(
      ApiRequest request,
      int status,
      JsonObject object,
      Output output,
      TableConverter tables,
      List<String> warnings) {
    JsonElement body =
        switch (output.shape()) {
          case OBJECT -> object;
          case PARTIAL_METADATA -> PartialObjects.partial(object);
          case TABLE ->
              tables.convert(
                  List.of(object),
                  resourceVersionOf(object),
                  null,
                  null,
                  TableConverter.Include.parse(request.param("includeObject")),
                  true);
          case PARTIAL_METADATA_LIST -> throw new IllegalStateException("negotiated for a list");
        };
    return render(request, status, body, output, warnings);
  }

  /** Whether the answer is a whole object or list as compact JSON, which cached bytes can give. */
  static boolean isCompactJsonObject(ApiRequest request, Output output) {
    return output.shape() == Output.Shape.OBJECT && !output.yaml() && !pretty(request);
  }

  /** A 200-class answer whose body is JSON already encoded. */
  static ApiResponse json(int status, byte[] json) {
    return new ApiResponse.Full(status, JSON_HEADERS, json);
  }

  static ApiResponse list(
      ApiRequest request, ResourceType type, ListPage page, Output output, TableConverter tables) {
    String rv = Long.toString(page.revision());
    if (page.encodedItems() != null && isCompactJsonObject(request, output)) {
      return encodedList(type, page, rv);
    }
    JsonElement body =
        switch (output.shape()) {
          case OBJECT -> {
            JsonObject list = new JsonObject();
            list.addProperty("apiVersion", type.apiVersion());
            list.addProperty("kind", type.listKind());
            list.add(
                "metadata",
                PartialObjects.listMeta(rv, page.continueToken(), page.remainingItemCount()));
            JsonArray items = new JsonArray();
            page.items().forEach(items::add);
            list.add("items", items);
            yield list;
          }
          case PARTIAL_METADATA_LIST ->
              PartialObjects.partialList(
                  page.items(), rv, page.continueToken(), page.remainingItemCount());
          case TABLE ->
              tables.convert(
                  page.items(),
                  rv,
                  page.continueToken(),
                  page.remainingItemCount(),
                  TableConverter.Include.parse(request.param("includeObject")),
                  true);
          case PARTIAL_METADATA -> throw new IllegalStateException("negotiated for an object");
        };
    return render(request, 200, body, output, List.of());
  }

  /**
   * A JSON list made of its items' JSON, which is neither decoded, re-encoded nor copied: the
   * response is written from the arrays the page holds, the watch cache's own for cached objects.
   */
  private static ApiResponse encodedList(ResourceType type, ListPage page, String rv) {
    JsonObject head = new JsonObject();
    head.addProperty("apiVersion", type.apiVersion());
    head.addProperty("kind", type.listKind());
    head.add(
        "metadata", PartialObjects.listMeta(rv, page.continueToken(), page.remainingItemCount()));
    // {"apiVersion":...,"metadata":{...}  +  ,"items":[a,b,...]}
    String start = Codec.toJsonString(head);
    List<byte[]> items = page.encodedItems();
    List<byte[]> parts = new ArrayList<>(2 * items.size() + 2);
    parts.add(
        (start.substring(0, start.length() - 1) + ",\"items\":[").getBytes(StandardCharsets.UTF_8));
    for (byte[] item : items) {
      if (parts.size() > 1) {
        parts.add(COMMA);
      }
      parts.add(item);
    }
    parts.add(END_OF_LIST);
    return new ApiResponse.Full(200, JSON_HEADERS, parts);
  }

  static ApiResponse render(
      ApiRequest request, int status, JsonElement body, Output output, List<String> warnings) {
    byte[] bytes =
        output.yaml() ? Codec.toYamlBytes(body) : Codec.toJsonBytes(body, pretty(request));
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Content-Type", output.contentType()));
    headers.add(Map.entry("Cache-Control", "no-cache, private"));
    for (String warning : warnings) {
      headers.add(
          Map.entry(
              "Warning", "299 - \"" + warning.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
    }
    return new ApiResponse.Full(status, headers, bytes);
  }

  static boolean pretty(ApiRequest request) {
    String pretty = request.param("pretty");
    if (pretty != null) {
      return pretty.equals("true") || pretty.equals("1");
    }
    String agent = request.header("User-Agent");
    return agent != null
        && (agent.startsWith("curl")
            || agent.startsWith("Wget")
            || agent.startsWith("Mozilla/5.0"));
  }

  private static String resourceVersionOf(JsonObject object) {
    JsonObject meta = object.getAsJsonObject("metadata");
    return meta != null && meta.has("resourceVersion")
        ? meta.get("resourceVersion").getAsString()
        : null;
  }
}
