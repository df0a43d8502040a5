package dev.controlplanes.kamaji.controllers.kube;

import com.google.gson.JsonObject;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ObjectMeta;

/**
 * A Gateway API object (TLSRoute, Gateway) for the controllers: typed metadata, and spec and status
 * as JSON, which the builders and status code read by field name. client-java has no models for the
 * Gateway API, and the controllers use few of its fields.
 */
public final class GatewayApiObject implements KubernetesObject {

  public static final String GROUP = "gateway.networking.k8s.io";
  public static final String VERSION = "v1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  private String apiVersion;
  private String kind;
  private V1ObjectMeta metadata;
  private JsonObject spec;
  private JsonObject status;

  @Override
  public String getApiVersion() {
    return apiVersion;
  }

  public GatewayApiObject apiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
    return this;
  }

  @Override
  public String getKind() {
    return kind;
  }

  public GatewayApiObject kind(String kind) {
    this.kind = kind;
    return this;
  }

  @Override
  public V1ObjectMeta getMetadata() {
    return metadata;
  }

  public GatewayApiObject metadata(V1ObjectMeta metadata) {
    this.metadata = metadata;
    return this;
  }

  public JsonObject getSpec() {
    return spec;
  }

  public GatewayApiObject spec(JsonObject spec) {
    this.spec = spec;
    return this;
  }

  public JsonObject getStatus() {
    return status;
  }

  public GatewayApiObject status(JsonObject status) {
    this.status = status;
    return this;
  }
}
