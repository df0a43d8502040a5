package dev.controlplanes.kamaji.api.v1alpha1;

import java.time.OffsetDateTime;
import java.util.Objects;

/** The konnectivity agent workload in the tenant cluster. */
public final class KonnectivityAgentStatus {
  private String name;
  private String namespace;
  private OffsetDateTime lastUpdate;
  private String mode;

  public KonnectivityAgentStatus name(String name) {
    this.name = name;
    return this;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public KonnectivityAgentStatus namespace(String namespace) {
    this.namespace = namespace;
    return this;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public KonnectivityAgentStatus lastUpdate(OffsetDateTime lastUpdate) {
    this.lastUpdate = lastUpdate;
    return this;
  }

  public OffsetDateTime getLastUpdate() {
    return lastUpdate;
  }

  public void setLastUpdate(OffsetDateTime lastUpdate) {
    this.lastUpdate = lastUpdate;
  }

  public KonnectivityAgentStatus mode(String mode) {
    this.mode = mode;
    return this;
  }

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    KonnectivityAgentStatus that = (KonnectivityAgentStatus) o;
    return Objects.equals(name, that.name)
        && Objects.equals(namespace, that.namespace)
        && Objects.equals(lastUpdate, that.lastUpdate)
        && Objects.equals(mode, that.mode);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, namespace, lastUpdate, mode);
  }

  @Override
  public String toString() {
    return "KonnectivityAgentStatus{name="
        + name
        + ", namespace="
        + namespace
        + ", lastUpdate="
        + lastUpdate
        + ", mode="
        + mode
        + "}";
  }
}
