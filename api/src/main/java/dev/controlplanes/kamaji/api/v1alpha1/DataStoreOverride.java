package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** An extra etcd DataStore serving one resource prefix ({@code --etcd-servers-overrides}). */
public final class DataStoreOverride {
  private String resource;
  private String dataStore;

  public DataStoreOverride resource(String resource) {
    this.resource = resource;
    return this;
  }

  public String getResource() {
    return resource;
  }

  public void setResource(String resource) {
    this.resource = resource;
  }

  public DataStoreOverride dataStore(String dataStore) {
    this.dataStore = dataStore;
    return this;
  }

  public String getDataStore() {
    return dataStore;
  }

  public void setDataStore(String dataStore) {
    this.dataStore = dataStore;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    DataStoreOverride that = (DataStoreOverride) o;
    return Objects.equals(resource, that.resource) && Objects.equals(dataStore, that.dataStore);
  }

  @Override
  public int hashCode() {
    return Objects.hash(resource, dataStore);
  }

  @Override
  public String toString() {
    return "DataStoreOverride{resource=" + resource + ", dataStore=" + dataStore + "}";
  }
}
