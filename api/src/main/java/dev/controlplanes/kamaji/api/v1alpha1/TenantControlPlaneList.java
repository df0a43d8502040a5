package dev.controlplanes.kamaji.api.v1alpha1;

import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.openapi.models.V1ListMeta;
import java.util.List;
import java.util.Objects;

/** A list of TenantControlPlane objects. */
public final class TenantControlPlaneList implements KubernetesListObject {
  public static final String KIND = "TenantControlPlaneList";

  private String apiVersion;
  private String kind;
  private V1ListMeta metadata;
  private List<TenantControlPlane> items;

  public TenantControlPlaneList apiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
    return this;
  }

  @Override
  public String getApiVersion() {
    return apiVersion;
  }

  public void setApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  public TenantControlPlaneList kind(String kind) {
    this.kind = kind;
    return this;
  }

  @Override
  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public TenantControlPlaneList metadata(V1ListMeta metadata) {
    this.metadata = metadata;
    return this;
  }

  @Override
  public V1ListMeta getMetadata() {
    return metadata;
  }

  public void setMetadata(V1ListMeta metadata) {
    this.metadata = metadata;
  }

  public TenantControlPlaneList items(List<TenantControlPlane> items) {
    this.items = items;
    return this;
  }

  @Override
  public List<TenantControlPlane> getItems() {
    return items;
  }

  public void setItems(List<TenantControlPlane> items) {
    this.items = items;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    TenantControlPlaneList that = (TenantControlPlaneList) o;
    return Objects.equals(apiVersion, that.apiVersion)
        && Objects.equals(kind, that.kind)
        && Objects.equals(metadata, that.metadata)
        && Objects.equals(items, that.items);
  }

  @Override
  public int hashCode() {
    return Objects.hash(apiVersion, kind, metadata, items);
  }

  @Override
  public String toString() {
    return "TenantControlPlaneList{apiVersion="
        + apiVersion
        + ", kind="
        + kind
        + ", metadata="
        + metadata
        + ", items="
        + items
        + "}";
  }
}
