package dev.controlplanes.kamaji.api.v1alpha1;

import io.kubernetes.client.openapi.models.V1IngressLoadBalancerStatus;
import java.util.Objects;

/** The Ingress's status plus where it is. */
public final class KubernetesIngressStatus {
  private V1IngressLoadBalancerStatus loadBalancer;
  private String name;
  private String namespace;

  public KubernetesIngressStatus loadBalancer(V1IngressLoadBalancerStatus loadBalancer) {
    this.loadBalancer = loadBalancer;
    return this;
  }

  public V1IngressLoadBalancerStatus getLoadBalancer() {
    return loadBalancer;
  }

  public void setLoadBalancer(V1IngressLoadBalancerStatus loadBalancer) {
    this.loadBalancer = loadBalancer;
  }

  public KubernetesIngressStatus name(String name) {
    this.name = name;
    return this;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public KubernetesIngressStatus namespace(String namespace) {
    this.namespace = namespace;
    return this;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    KubernetesIngressStatus that = (KubernetesIngressStatus) o;
    return Objects.equals(loadBalancer, that.loadBalancer)
        && Objects.equals(name, that.name)
        && Objects.equals(namespace, that.namespace);
  }

  @Override
  public int hashCode() {
    return Objects.hash(loadBalancer, name, namespace);
  }

  @Override
  public String toString() {
    return "KubernetesIngressStatus{loadBalancer="
        + loadBalancer
        + ", name="
        + name
        + ", namespace="
        + namespace
        + "}";
  }
}
