package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** {@code status.kubernetesResources}. */
public final class KubernetesResourcesStatus {
  private KubernetesVersionStatus version;
  private KubernetesDeploymentStatus deployment;
  private KubernetesServiceStatus service;
  private KubernetesIngressStatus ingress;
  private KubernetesGatewayStatus gateway;

  public KubernetesResourcesStatus version(KubernetesVersionStatus version) {
    this.version = version;
    return this;
  }

  public KubernetesVersionStatus getVersion() {
    return version;
  }

  public void setVersion(KubernetesVersionStatus version) {
    this.version = version;
  }

  public KubernetesResourcesStatus deployment(KubernetesDeploymentStatus deployment) {
    this.deployment = deployment;
    return this;
  }

  public KubernetesDeploymentStatus getDeployment() {
    return deployment;
  }

  public void setDeployment(KubernetesDeploymentStatus deployment) {
    this.deployment = deployment;
  }

  public KubernetesResourcesStatus service(KubernetesServiceStatus service) {
    this.service = service;
    return this;
  }

  public KubernetesServiceStatus getService() {
    return service;
  }

  public void setService(KubernetesServiceStatus service) {
    this.service = service;
  }

  public KubernetesResourcesStatus ingress(KubernetesIngressStatus ingress) {
    this.ingress = ingress;
    return this;
  }

  public KubernetesIngressStatus getIngress() {
    return ingress;
  }

  public void setIngress(KubernetesIngressStatus ingress) {
    this.ingress = ingress;
  }

  public KubernetesResourcesStatus gateway(KubernetesGatewayStatus gateway) {
    this.gateway = gateway;
    return this;
  }

  public KubernetesGatewayStatus getGateway() {
    return gateway;
  }

  public void setGateway(KubernetesGatewayStatus gateway) {
    this.gateway = gateway;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    KubernetesResourcesStatus that = (KubernetesResourcesStatus) o;
    return Objects.equals(version, that.version)
        && Objects.equals(deployment, that.deployment)
        && Objects.equals(service, that.service)
        && Objects.equals(ingress, that.ingress)
        && Objects.equals(gateway, that.gateway);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, deployment, service, ingress, gateway);
  }

  @Override
  public String toString() {
    return "KubernetesResourcesStatus{version="
        + version
        + ", deployment="
        + deployment
        + ", service="
        + service
        + ", ingress="
        + ingress
        + ", gateway="
        + gateway
        + "}";
  }
}
