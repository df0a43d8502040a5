package dev.controlplanes.kamaji.api.v1alpha1;

import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.openapi.models.V1ListMeta;
import java.util.List;
import java.util.Objects;

/** A list of DataStore objects. */
public final class DataStoreList implements KubernetesListObject {
  public static final String KIND = "DataStoreList";

  private String apiVersion;
  private String kind;
  private V1ListMeta metadata;
  private List<DataStore> items;

  public DataStoreList apiVersion(String apiVersion) {
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

  public DataStoreList kind(String kind) {
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

  public DataStoreList metadata(V1ListMeta metadata) {
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

  public DataStoreList items(List<DataStore> items) {
    this.items = items;
    return this;
  }

  @Override
  public List<DataStore> getItems() {
    return items;
  }

  public void setItems(List<DataStore> items) {
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
    DataStoreList that = (DataStoreList) o;
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
    return "DataStoreList{apiVersion="
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
