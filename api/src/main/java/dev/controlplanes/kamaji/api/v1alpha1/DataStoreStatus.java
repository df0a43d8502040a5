package dev.controlplanes.kamaji.api.v1alpha1;

import io.kubernetes.client.openapi.models.V1Condition;
import java.util.List;
import java.util.Objects;

/** The observed state of a DataStore. */
public final class DataStoreStatus {
  private Long observedGeneration;
  private List<String> usedBy;
  private List<V1Condition> conditions;
  private Boolean ready;

  public DataStoreStatus observedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
    return this;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public DataStoreStatus usedBy(List<String> usedBy) {
    this.usedBy = usedBy;
    return this;
  }

  public List<String> getUsedBy() {
    return usedBy;
  }

  public void setUsedBy(List<String> usedBy) {
    this.usedBy = usedBy;
  }

  public DataStoreStatus conditions(List<V1Condition> conditions) {
    this.conditions = conditions;
    return this;
  }

  public List<V1Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<V1Condition> conditions) {
    this.conditions = conditions;
  }

  public DataStoreStatus ready(Boolean ready) {
    this.ready = ready;
    return this;
  }

  public Boolean getReady() {
    return ready;
  }

  public void setReady(Boolean ready) {
    this.ready = ready;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    DataStoreStatus that = (DataStoreStatus) o;
    return Objects.equals(observedGeneration, that.observedGeneration)
        && Objects.equals(usedBy, that.usedBy)
        && Objects.equals(conditions, that.conditions)
        && Objects.equals(ready, that.ready);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, usedBy, conditions, ready);
  }

  @Override
  public String toString() {
    return "DataStoreStatus{observedGeneration="
        + observedGeneration
        + ", usedBy="
        + usedBy
        + ", conditions="
        + conditions
        + ", ready="
        + ready
        + "}";
  }
}
