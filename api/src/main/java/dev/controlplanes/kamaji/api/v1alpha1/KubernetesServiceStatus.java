package dev.controlplanes.kamaji.api.v1alpha1;

import io.kubernetes.client.openapi.models.V1Condition;
import io.kubernetes.client.openapi.models.V1LoadBalancerStatus;
import java.util.List;
import java.util.Objects;

/** A Service's status plus where it is and its port. */
public final class KubernetesServiceStatus {
  private V1LoadBalancerStatus loadBalancer;
  private List<V1Condition> conditions;
  private String name;
  private String namespace;
  private Integer port;

  public KubernetesServiceStatus loadBalancer(V1LoadBalancerStatus loadBalancer) {
    this.loadBalancer = loadBalancer;
    return this;
  }

  public V1LoadBalancerStatus getLoadBalancer() {
    return loadBalancer;
  }

  public void setLoadBalancer(V1LoadBalancerStatus loadBalancer) {
    this.loadBalancer = loadBalancer;
  }

  public KubernetesServiceStatus conditions(List<V1Condition> conditions) {
    this.conditions = conditions;
    return this;
  }

  public List<V1Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<V1Condition> conditions) {
    this.conditions = conditions;
  }

  public KubernetesServiceStatus name(String name) {
    this.name = name;
    return this;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public KubernetesServiceStatus namespace(String namespace) {
    this.namespace = namespace;
    return this;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public KubernetesServiceStatus port(Integer port) {
    this.port = port;
    return this;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    KubernetesServiceStatus that = (KubernetesServiceStatus) o;
    return Objects.equals(loadBalancer, that.loadBalancer)
        && Objects.equals(conditions, that.conditions)
        && Objects.equals(name, that.name)
        && Objects.equals(namespace, that.namespace)
        && Objects.equals(port, that.port);
  }

  @Override
  public int hashCode() {
    return Objects.hash(loadBalancer, conditions, name, namespace, port);
  }

  @Override
  public String toString() {
    return "KubernetesServiceStatus{loadBalancer="
        + loadBalancer
        + ", conditions="
        + conditions
        + ", name="
        + name
        + ", namespace="
        + namespace
        + ", port="
        + port
        + "}";
  }
}
