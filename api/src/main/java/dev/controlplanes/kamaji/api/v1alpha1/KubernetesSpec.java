package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.List;
import java.util.Objects;

/** {@code spec.kubernetes}: version, kubelet and admission settings. */
public final class KubernetesSpec {
  private String version;
  private KubeletSpec kubelet;
  private List<String> admissionControllers;

  public KubernetesSpec version(String version) {
    this.version = version;
    return this;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public KubernetesSpec kubelet(KubeletSpec kubelet) {
    this.kubelet = kubelet;
    return this;
  }

  public KubeletSpec getKubelet() {
    return kubelet;
  }

  public void setKubelet(KubeletSpec kubelet) {
    this.kubelet = kubelet;
  }

  public KubernetesSpec admissionControllers(List<String> admissionControllers) {
    this.admissionControllers = admissionControllers;
    return this;
  }

  public List<String> getAdmissionControllers() {
    return admissionControllers;
  }

  public void setAdmissionControllers(List<String> admissionControllers) {
    this.admissionControllers = admissionControllers;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    KubernetesSpec that = (KubernetesSpec) o;
    return Objects.equals(version, that.version)
        && Objects.equals(kubelet, that.kubelet)
        && Objects.equals(admissionControllers, that.admissionControllers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, kubelet, admissionControllers);
  }

  @Override
  public String toString() {
    return "KubernetesSpec{version="
        + version
        + ", kubelet="
        + kubelet
        + ", admissionControllers="
        + admissionControllers
        + "}";
  }
}
