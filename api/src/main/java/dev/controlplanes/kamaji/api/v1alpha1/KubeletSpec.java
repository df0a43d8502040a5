package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.List;
import java.util.Objects;

/** How tenant kubelets are configured and reached. */
public final class KubeletSpec {
  private List<JsonPatchOperation> configurationJSONPatches;
  private List<String> preferredAddressTypes;
  private String cgroupfs;

  public KubeletSpec configurationJSONPatches(List<JsonPatchOperation> configurationJSONPatches) {
    this.configurationJSONPatches = configurationJSONPatches;
    return this;
  }

  public List<JsonPatchOperation> getConfigurationJSONPatches() {
    return configurationJSONPatches;
  }

  public void setConfigurationJSONPatches(List<JsonPatchOperation> configurationJSONPatches) {
    this.configurationJSONPatches = configurationJSONPatches;
  }

  public KubeletSpec preferredAddressTypes(List<String> preferredAddressTypes) {
    this.preferredAddressTypes = preferredAddressTypes;
    return this;
  }

  public List<String> getPreferredAddressTypes() {
    return preferredAddressTypes;
  }

  public void setPreferredAddressTypes(List<String> preferredAddressTypes) {
    this.preferredAddressTypes = preferredAddressTypes;
  }

  public KubeletSpec cgroupfs(String cgroupfs) {
    this.cgroupfs = cgroupfs;
    return this;
  }

  public String getCgroupfs() {
    return cgroupfs;
  }

  public void setCgroupfs(String cgroupfs) {
    this.cgroupfs = cgroupfs;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    KubeletSpec that = (KubeletSpec) o;
    return Objects.equals(configurationJSONPatches, that.configurationJSONPatches)
        && Objects.equals(preferredAddressTypes, that.preferredAddressTypes)
        && Objects.equals(cgroupfs, that.cgroupfs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(configurationJSONPatches, preferredAddressTypes, cgroupfs);
  }

  @Override
  public String toString() {
    return "KubeletSpec{configurationJSONPatches="
        + configurationJSONPatches
        + ", preferredAddressTypes="
        + preferredAddressTypes
        + ", cgroupfs="
        + cgroupfs
        + "}";
  }
}
