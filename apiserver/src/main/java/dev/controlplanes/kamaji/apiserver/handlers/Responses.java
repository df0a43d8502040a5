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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders objects and lists in the negotiated shape and format. */
final class Responses {

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

  static ApiResponse list(
      ApiRequest request, ResourceType type, ListPage page, Output output, TableConverter tables) {
    String rv = Long.toString(page.revision());
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
