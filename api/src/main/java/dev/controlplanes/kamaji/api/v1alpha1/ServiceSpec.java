package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.List;
import java.util.Objects;

/** {@code spec.controlPlane.service}: the Service exposing the API server. */
public final class ServiceSpec {
  private AdditionalMetadata additionalMetadata;
  private List<AdditionalPort> additionalPorts;
  private String serviceType;
  private Boolean allocateLoadBalancerNodePorts;

  public ServiceSpec additionalMetadata(AdditionalMetadata additionalMetadata) {
    this.additionalMetadata = additionalMetadata;
    return this;
  }

  public AdditionalMetadata getAdditionalMetadata() {
    return additionalMetadata;
  }

  public void setAdditionalMetadata(AdditionalMetadata additionalMetadata) {
    this.additionalMetadata = additionalMetadata;
  }

  public ServiceSpec additionalPorts(List<AdditionalPort> additionalPorts) {
    this.additionalPorts = additionalPorts;
    return this;
  }

  public List<AdditionalPort> getAdditionalPorts() {
    return additionalPorts;
  }

  public void setAdditionalPorts(List<AdditionalPort> additionalPorts) {
    this.additionalPorts = additionalPorts;
  }

  public ServiceSpec serviceType(String serviceType) {
    this.serviceType = serviceType;
    return this;
  }

  public String getServiceType() {
    return serviceType;
  }

  public void setServiceType(String serviceType) {
    this.serviceType = serviceType;
  }

  public ServiceSpec allocateLoadBalancerNodePorts(Boolean allocateLoadBalancerNodePorts) {
    this.allocateLoadBalancerNodePorts = allocateLoadBalancerNodePorts;
    return this;
  }

  public Boolean getAllocateLoadBalancerNodePorts() {
    return allocateLoadBalancerNodePorts;
  }

  public void setAllocateLoadBalancerNodePorts(Boolean allocateLoadBalancerNodePorts) {
    this.allocateLoadBalancerNodePorts = allocateLoadBalancerNodePorts;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    ServiceSpec that = (ServiceSpec) o;
    return Objects.equals(additionalMetadata, that.additionalMetadata)
        && Objects.equals(additionalPorts, that.additionalPorts)
        && Objects.equals(serviceType, that.serviceType)
        && Objects.equals(allocateLoadBalancerNodePorts, that.allocateLoadBalancerNodePorts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        additionalMetadata, additionalPorts, serviceType, allocateLoadBalancerNodePorts);
  }

  @Override
  public String toString() {
    return "ServiceSpec{additionalMetadata="
        + additionalMetadata
        + ", additionalPorts="
        + additionalPorts
        + ", serviceType="
        + serviceType
        + ", allocateLoadBalancerNodePorts="
        + allocateLoadBalancerNodePorts
        + "}";
  }
}
