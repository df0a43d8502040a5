package dev.controlplanes.kamaji.apiserver.table;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/** PartialObjectMetadata(List), the metadata-only view kube-controller-manager asks for. */
public final class PartialObjects {

  private PartialObjects() {}

  public static JsonObject partial(JsonObject object) {
    JsonObject partial = new JsonObject();
    partial.addProperty("kind", "PartialObjectMetadata");
    partial.addProperty("apiVersion", "meta.k8s.io/v1");
    JsonObject meta = object.getAsJsonObject("metadata");
    partial.add("metadata", meta == null ? new JsonObject() : meta.deepCopy());
    return partial;
  }

  public static JsonObject partialList(
      List<JsonObject> items, String resourceVersion, String continueToken, Long remaining) {
    JsonObject list = new JsonObject();
    list.addProperty("kind", "PartialObjectMetadataList");
    list.addProperty("apiVersion", "meta.k8s.io/v1");
    list.add("metadata", listMeta(resourceVersion, continueToken, remaining));
    JsonArray array = new JsonArray();
    items.forEach(i -> array.add(partial(i)));
    list.add("items", array);
    return list;
  }

  public static JsonObject listMeta(String resourceVersion, String continueToken, Long remaining) {
    JsonObject meta = new JsonObject();
    meta.addProperty("resourceVersion", resourceVersion);
    if (continueToken != null) {
      meta.addProperty("continue", continueToken);
    }
    if (remaining != null) {
      meta.addProperty("remainingItemCount", remaining);
    }
    return meta;
  }
}
