package dev.controlplanes.kamaji.api.v1alpha1;

import io.kubernetes.client.openapi.models.V1DeploymentCondition;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/** The control-plane Deployment's status plus where it is. */
public final class KubernetesDeploymentStatus {
  private Long observedGeneration;
  private Integer replicas;
  private Integer updatedReplicas;
  private Integer readyReplicas;
  private Integer availableReplicas;
  private Integer unavailableReplicas;
  private Integer terminatingReplicas;
  private List<V1DeploymentCondition> conditions;
  private Integer collisionCount;
  private String selector;
  private String name;
  private String namespace;
  private OffsetDateTime lastUpdate;

  public KubernetesDeploymentStatus observedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
    return this;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public KubernetesDeploymentStatus replicas(Integer replicas) {
    this.replicas = replicas;
    return this;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public KubernetesDeploymentStatus updatedReplicas(Integer updatedReplicas) {
    this.updatedReplicas = updatedReplicas;
    return this;
  }

  public Integer getUpdatedReplicas() {
    return updatedReplicas;
  }

  public void setUpdatedReplicas(Integer updatedReplicas) {
    this.updatedReplicas = updatedReplicas;
  }

  public KubernetesDeploymentStatus readyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
    return this;
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public KubernetesDeploymentStatus availableReplicas(Integer availableReplicas) {
    this.availableReplicas = availableReplicas;
    return this;
  }

  public Integer getAvailableReplicas() {
    return availableReplicas;
  }

  public void setAvailableReplicas(Integer availableReplicas) {
    this.availableReplicas = availableReplicas;
  }

  public KubernetesDeploymentStatus unavailableReplicas(Integer unavailableReplicas) {
    this.unavailableReplicas = unavailableReplicas;
    return this;
  }

  public Integer getUnavailableReplicas() {
    return unavailableReplicas;
  }

  public void setUnavailableReplicas(Integer unavailableReplicas) {
    this.unavailableReplicas = unavailableReplicas;
  }

  public KubernetesDeploymentStatus terminatingReplicas(Integer terminatingReplicas) {
    this.terminatingReplicas = terminatingReplicas;
    return this;
  }

  public Integer getTerminatingReplicas() {
    return terminatingReplicas;
  }

  public void setTerminatingReplicas(Integer terminatingReplicas) {
    this.terminatingReplicas = terminatingReplicas;
  }

  public KubernetesDeploymentStatus conditions(List<V1DeploymentCondition> conditions) {
    this.conditions = conditions;
    return this;
  }

  public List<V1DeploymentCondition> getConditions() {
    return conditions;
  }

  public void setConditions(List<V1DeploymentCondition> conditions) {
    this.conditions = conditions;
  }

  public KubernetesDeploymentStatus collisionCount(Integer collisionCount) {
    this.collisionCount = collisionCount;
    return this;
  }

  public Integer getCollisionCount() {
    return collisionCount;
  }

  public void setCollisionCount(Integer collisionCount) {
    this.collisionCount = collisionCount;
  }

  public KubernetesDeploymentStatus selector(String selector) {
    this.selector = selector;
    return this;
  }

  public String getSelector() {
    return selector;
  }

  public void setSelector(String selector) {
    this.selector = selector;
  }

  public KubernetesDeploymentStatus name(String name) {
    this.name = name;
    return this;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public KubernetesDeploymentStatus namespace(String namespace) {
    this.namespace = namespace;
    return this;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public KubernetesDeploymentStatus lastUpdate(OffsetDateTime lastUpdate) {
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
    KubernetesDeploymentStatus that = (KubernetesDeploymentStatus) o;
    return Objects.equals(observedGeneration, that.observedGeneration)
        && Objects.equals(replicas, that.replicas)
        && Objects.equals(updatedReplicas, that.updatedReplicas)
        && Objects.equals(readyReplicas, that.readyReplicas)
        && Objects.equals(availableReplicas, that.availableReplicas)
        && Objects.equals(unavailableReplicas, that.unavailableReplicas)
        && Objects.equals(terminatingReplicas, that.terminatingReplicas)
        && Objects.equals(conditions, that.conditions)
        && Objects.equals(collisionCount, that.collisionCount)
        && Objects.equals(selector, that.selector)
        && Objects.equals(name, that.name)
        && Objects.equals(namespace, that.namespace)
        && Objects.equals(lastUpdate, that.lastUpdate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        observedGeneration,
        replicas,
        updatedReplicas,
        readyReplicas,
        availableReplicas,
        unavailableReplicas,
        terminatingReplicas,
        conditions,
        collisionCount,
        selector,
        name,
        namespace,
        lastUpdate);
  }

  @Override
  public String toString() {
    return "KubernetesDeploymentStatus{observedGeneration="
        + observedGeneration
        + ", replicas="
        + replicas
        + ", updatedReplicas="
        + updatedReplicas
        + ", readyReplicas="
        + readyReplicas
        + ", availableReplicas="
        + availableReplicas
        + ", unavailableReplicas="
        + unavailableReplicas
        + ", terminatingReplicas="
        + terminatingReplicas
        + ", conditions="
        + conditions
        + ", collisionCount="
        + collisionCount
        + ", selector="
        + selector
        + ", name="
        + name
        + ", namespace="
        + namespace
        + ", lastUpdate="
        + lastUpdate
        + "}";
  }
}
