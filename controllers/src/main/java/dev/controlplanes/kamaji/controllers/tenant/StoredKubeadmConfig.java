package dev.controlplanes.kamaji.controllers.tenant;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.controllers.model.KubeadmConfig;
import java.util.Map;

/**
 * The kubeadm configuration stored in {@code <tcp>-kubeadmconfig} by the reconcile pass, which the
 * tenant-side phase reads as Kamaji's does: the cluster configuration it uploads, and the endpoint,
 * address, pod subnet and image repository of the addons.
 */
record StoredKubeadmConfig(JsonObject initConfiguration, JsonObject clusterConfiguration) {

  /**
   * @throws IllegalArgumentException if a document is missing or is not a JSON object
   */
  static StoredKubeadmConfig parse(Map<String, String> data) {
    return new StoredKubeadmConfig(
        document(data, KubeadmConfig.INIT_CONFIGURATION_KEY),
        document(data, KubeadmConfig.CLUSTER_CONFIGURATION_KEY));
  }

  String controlPlaneEndpoint() {
    return string(clusterConfiguration, "controlPlaneEndpoint");
  }

  String imageRepository() {
    return string(clusterConfiguration, "imageRepository");
  }

  String podSubnet() {
    JsonObject networking = clusterConfiguration.getAsJsonObject("networking");
    return networking == null ? "" : string(networking, "podSubnet");
  }

  String advertiseAddress() {
    JsonObject endpoint = initConfiguration.getAsJsonObject("localAPIEndpoint");
    return endpoint == null ? "" : string(endpoint, "advertiseAddress");
  }

  private static String string(JsonObject object, String key) {
    JsonElement value = object.get(key);
    return value == null || !value.isJsonPrimitive() ? "" : value.getAsString();
  }

  private static JsonObject document(Map<String, String> data, String key) {
    String text = data == null ? null : data.get(key);
    if (text == null) {
      throw new IllegalArgumentException("no " + key + " in the stored kubeadm configuration");
    }
    JsonElement parsed = JsonParser.parseString(text);
    if (!parsed.isJsonObject()) {
      throw new IllegalArgumentException(key + " is not a JSON object");
    }
    return parsed.getAsJsonObject();
  }
}
