package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.List;
import java.util.Objects;

/** {@code spec.controlPlane.gateway}: a Gateway API TLSRoute in front of the API server. */
public final class GatewaySpec {
  private AdditionalMetadata additionalMetadata;
  private List<ParentReference> parentRefs;
  private String hostname;

  public GatewaySpec additionalMetadata(AdditionalMetadata additionalMetadata) {
    this.additionalMetadata = additionalMetadata;
    return this;
  }

  public AdditionalMetadata getAdditionalMetadata() {
    return additionalMetadata;
  }

  public void setAdditionalMetadata(AdditionalMetadata additionalMetadata) {
    this.additionalMetadata = additionalMetadata;
  }

  public GatewaySpec parentRefs(List<ParentReference> parentRefs) {
    this.parentRefs = parentRefs;
    return this;
  }

  public List<ParentReference> getParentRefs() {
    return parentRefs;
  }

  public void setParentRefs(List<ParentReference> parentRefs) {
    this.parentRefs = parentRefs;
  }

  public GatewaySpec hostname(String hostname) {
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
    GatewaySpec that = (GatewaySpec) o;
    return Objects.equals(additionalMetadata, that.additionalMetadata)
        && Objects.equals(parentRefs, that.parentRefs)
        && Objects.equals(hostname, that.hostname);
  }

  @Override
  public int hashCode() {
    return Objects.hash(additionalMetadata, parentRefs, hostname);
  }

  @Override
  public String toString() {
    return "GatewaySpec{additionalMetadata="
        + additionalMetadata
        + ", parentRefs="
        + parentRefs
        + ", hostname="
        + hostname
        + "}";
  }
}
