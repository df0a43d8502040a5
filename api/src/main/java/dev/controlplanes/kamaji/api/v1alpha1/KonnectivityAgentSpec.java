package dev.controlplanes.kamaji.api.v1alpha1;

import io.kubernetes.client.openapi.models.V1Toleration;
import java.util.List;
import java.util.Objects;

/** The konnectivity agents run in the tenant cluster. */
public final class KonnectivityAgentSpec {
  private String image;
  private String version;
  private List<V1Toleration> tolerations;
  private List<String> extraArgs;
  private Boolean hostNetwork;
  private String mode;
  private Integer replicas;

  public KonnectivityAgentSpec image(String image) {
    this.image = image;
    return this;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public KonnectivityAgentSpec version(String version) {
    this.version = version;
    return this;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public KonnectivityAgentSpec tolerations(List<V1Toleration> tolerations) {
    this.tolerations = tolerations;
    return this;
  }

  public List<V1Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<V1Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public KonnectivityAgentSpec extraArgs(List<String> extraArgs) {
    this.extraArgs = extraArgs;
    return this;
  }

  public List<String> getExtraArgs() {
    return extraArgs;
  }

  public void setExtraArgs(List<String> extraArgs) {
    this.extraArgs = extraArgs;
  }

  public KonnectivityAgentSpec hostNetwork(Boolean hostNetwork) {
    this.hostNetwork = hostNetwork;
    return this;
  }

  public Boolean getHostNetwork() {
    return hostNetwork;
  }

  public void setHostNetwork(Boolean hostNetwork) {
    this.hostNetwork = hostNetwork;
  }

  public KonnectivityAgentSpec mode(String mode) {
    this.mode = mode;
    return this;
  }

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  public KonnectivityAgentSpec replicas(Integer replicas) {
    this.replicas = replicas;
    return this;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    KonnectivityAgentSpec that = (KonnectivityAgentSpec) o;
    return Objects.equals(image, that.image)
        && Objects.equals(version, that.version)
        && Objects.equals(tolerations, that.tolerations)
        && Objects.equals(extraArgs, that.extraArgs)
        && Objects.equals(hostNetwork, that.hostNetwork)
        && Objects.equals(mode, that.mode)
        && Objects.equals(replicas, that.replicas);
  }

  @Override
  public int hashCode() {
    return Objects.hash(image, version, tolerations, extraArgs, hostNetwork, mode, replicas);
  }

  @Override
  public String toString() {
    return "KonnectivityAgentSpec{image="
        + image
        + ", version="
        + version
        + ", tolerations="
        + tolerations
        + ", extraArgs="
        + extraArgs
        + ", hostNetwork="
        + hostNetwork
        + ", mode="
        + mode
        + ", replicas="
        + replicas
        + "}";
  }
}
