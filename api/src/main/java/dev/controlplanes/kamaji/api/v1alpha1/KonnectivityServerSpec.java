package dev.controlplanes.kamaji.api.v1alpha1;

import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import java.util.List;
import java.util.Objects;

/** The konnectivity-server sidecar of the control-plane pod. */
public final class KonnectivityServerSpec {
  private Integer port;
  private String version;
  private String image;
  private V1ResourceRequirements resources;
  private List<String> extraArgs;
  private V1SecurityContext securityContext;

  public KonnectivityServerSpec port(Integer port) {
    this.port = port;
    return this;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public KonnectivityServerSpec version(String version) {
    this.version = version;
    return this;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public KonnectivityServerSpec image(String image) {
    this.image = image;
    return this;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public KonnectivityServerSpec resources(V1ResourceRequirements resources) {
    this.resources = resources;
    return this;
  }

  public V1ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(V1ResourceRequirements resources) {
    this.resources = resources;
  }

  public KonnectivityServerSpec extraArgs(List<String> extraArgs) {
    this.extraArgs = extraArgs;
    return this;
  }

  public List<String> getExtraArgs() {
    return extraArgs;
  }

  public void setExtraArgs(List<String> extraArgs) {
    this.extraArgs = extraArgs;
  }

  public KonnectivityServerSpec securityContext(V1SecurityContext securityContext) {
    this.securityContext = securityContext;
    return this;
  }

  public V1SecurityContext getSecurityContext() {
    return securityContext;
  }

  public void setSecurityContext(V1SecurityContext securityContext) {
    this.securityContext = securityContext;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    KonnectivityServerSpec that = (KonnectivityServerSpec) o;
    return Objects.equals(port, that.port)
        && Objects.equals(version, that.version)
        && Objects.equals(image, that.image)
        && Objects.equals(resources, that.resources)
        && Objects.equals(extraArgs, that.extraArgs)
        && Objects.equals(securityContext, that.securityContext);
  }

  @Override
  public int hashCode() {
    return Objects.hash(port, version, image, resources, extraArgs, securityContext);
  }

  @Override
  public String toString() {
    return "KonnectivityServerSpec{port="
        + port
        + ", version="
        + version
        + ", image="
        + image
        + ", resources="
        + resources
        + ", extraArgs="
        + extraArgs
        + ", securityContext="
        + securityContext
        + "}";
  }
}
