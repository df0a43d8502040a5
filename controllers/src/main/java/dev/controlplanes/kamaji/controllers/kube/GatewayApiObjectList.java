package dev.controlplanes.kamaji.controllers.kube;

import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.openapi.models.V1ListMeta;
import java.util.ArrayList;
import java.util.List;

/** A list of {@link GatewayApiObject}s, for the informer and the generic client. */
public final class GatewayApiObjectList implements KubernetesListObject {

  private String apiVersion;
  private String kind;
  private V1ListMeta metadata;
  private List<GatewayApiObject> items = new ArrayList<>();

  @Override
  public String getApiVersion() {
    return apiVersion;
  }

  @Override
  public String getKind() {
    return kind;
  }

  @Override
  public V1ListMeta getMetadata() {
    return metadata;
  }

  @Override
  public List<GatewayApiObject> getItems() {
    return items;
  }
}
