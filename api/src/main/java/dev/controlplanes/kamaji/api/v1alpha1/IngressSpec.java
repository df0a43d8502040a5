package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** {@code spec.controlPlane.ingress}: an Ingress in front of the API server. */
public final class IngressSpec {
  private AdditionalMetadata additionalMetadata;
  private String ingressClassName;
  private String hostname;

  public IngressSpec additionalMetadata(AdditionalMetadata additionalMetadata) {
    this.additionalMetadata = additionalMetadata;
    return this;
  }

  public AdditionalMetadata getAdditionalMetadata() {
    return additionalMetadata;
  }

  public void setAdditionalMetadata(AdditionalMetadata additionalMetadata) {
    this.additionalMetadata = additionalMetadata;
  }

  public IngressSpec ingressClassName(String ingressClassName) {
    this.ingressClassName = ingressClassName;
    return this;
  }

  public String getIngressClassName() {
    return ingressClassName;
  }

  public void setIngressClassName(String ingressClassName) {
    this.ingressClassName = ingressClassName;
  }

  public IngressSpec hostname(String hostname) {
    this.hostname = hostname;
    return this;
  }

  public String getHostname() {
    return hostname;
  }

  public void setHostname(String hostname) {
    this.hostname = hostname;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    IngressSpec that = (IngressSpec) o;
    return Objects.equals(additionalMetadata, that.additionalMetadata)
        && Objects.equals(ingressClassName, that.ingressClassName)
        && Objects.equals(hostname, that.hostname);
  }

  @Override
  public int hashCode() {
    return Objects.hash(additionalMetadata, ingressClassName, hostname);
  }

  @Override
  public String toString() {
    return "IngressSpec{additionalMetadata="
        + additionalMetadata
        + ", ingressClassName="
        + ingressClassName
        + ", hostname="
        + hostname
        + "}";
  }
}
