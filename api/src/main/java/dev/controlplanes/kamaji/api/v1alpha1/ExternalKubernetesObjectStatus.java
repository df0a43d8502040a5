package dev.controlplanes.kamaji.api.v1alpha1;

import java.time.OffsetDateTime;
import java.util.Objects;

/** An object written in the tenant cluster. */
public final class ExternalKubernetesObjectStatus {
  private String name;
  private String namespace;
  private OffsetDateTime lastUpdate;

  public ExternalKubernetesObjectStatus name(String name) {
    this.name = name;
    return this;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public ExternalKubernetesObjectStatus namespace(String namespace) {
    this.namespace = namespace;
    return this;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public ExternalKubernetesObjectStatus lastUpdate(OffsetDateTime lastUpdate) {
    this.lastUpdate = lastUpdate;
    return this;
  }

  public OffsetDateTime getLastUpdate() {
    return lastUpdate;
  }

  public void setLastUpdate(OffsetDateTime lastUpdate) {
    this.lastUpdate = lastUpdate;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    ExternalKubernetesObjectStatus that = (ExternalKubernetesObjectStatus) o;
    return Objects.equals(name, that.name)
        && Objects.equals(namespace, that.namespace)
        && Objects.equals(lastUpdate, that.lastUpdate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, namespace, lastUpdate);
  }

  @Override
  public String toString() {
    return "ExternalKubernetesObjectStatus{name="
        + name
        + ", namespace="
        + namespace
        + ", lastUpdate="
        + lastUpdate
        + "}";
  }
}
