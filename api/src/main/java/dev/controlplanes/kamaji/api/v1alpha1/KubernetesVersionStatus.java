package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** The installed version and the lifecycle state ({@link VersionState}). */
public final class KubernetesVersionStatus {
  private String version;
  private String status;

  public KubernetesVersionStatus version(String version) {
    this.version = version;
    return this;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public KubernetesVersionStatus status(String status) {
    this.status = status;
    return this;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    KubernetesVersionStatus that = (KubernetesVersionStatus) o;
    return Objects.equals(version, that.version) && Objects.equals(status, that.status);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, status);
  }

  @Override
  public String toString() {
    return "KubernetesVersionStatus{version=" + version + ", status=" + status + "}";
  }
}
