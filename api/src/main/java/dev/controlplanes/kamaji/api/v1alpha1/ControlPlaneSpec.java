package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** {@code spec.controlPlane}: how the control plane runs and is exposed. */
public final class ControlPlaneSpec {
  private DeploymentSpec deployment;
  private ServiceSpec service;
  private IngressSpec ingress;
  private GatewaySpec gateway;

  public ControlPlaneSpec deployment(DeploymentSpec deployment) {
    this.deployment = deployment;
    return this;
  }

  public DeploymentSpec getDeployment() {
    return deployment;
  }

  public void setDeployment(DeploymentSpec deployment) {
    this.deployment = deployment;
  }

  public ControlPlaneSpec service(ServiceSpec service) {
    this.service = service;
    return this;
  }

  public ServiceSpec getService() {
    return service;
  }

  public void setService(ServiceSpec service) {
    this.service = service;
  }

  public ControlPlaneSpec ingress(IngressSpec ingress) {
    this.ingress = ingress;
    return this;
  }

  public IngressSpec getIngress() {
    return ingress;
  }

  public void setIngress(IngressSpec ingress) {
    this.ingress = ingress;
  }

  public ControlPlaneSpec gateway(GatewaySpec gateway) {
    this.gateway = gateway;
    return this;
  }

  public GatewaySpec getGateway() {
    return gateway;
  }

  public void setGateway(GatewaySpec gateway) {
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
    ControlPlaneSpec that = (ControlPlaneSpec) o;
    return Objects.equals(deployment, that.deployment)
        && Objects.equals(service, that.service)
        && Objects.equals(ingress, that.ingress)
        && Objects.equals(gateway, that.gateway);
  }

  @Override
  public int hashCode() {
    return Objects.hash(deployment, service, ingress, gateway);
  }

  @Override
  public String toString() {
    return "ControlPlaneSpec{deployment="
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
