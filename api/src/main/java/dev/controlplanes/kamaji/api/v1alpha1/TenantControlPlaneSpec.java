package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.List;
import java.util.Objects;

/** The desired state of a tenant control plane. */
public final class TenantControlPlaneSpec {
  private WritePermissions writePermissions;
  private String dataStore;
  private String dataStoreSchema;
  private String dataStoreUsername;
  private List<DataStoreOverride> dataStoreOverrides;
  private ControlPlaneSpec controlPlane;
  private KubernetesSpec kubernetes;
  private NetworkProfileSpec networkProfile;
  private AddonsSpec addons;

  public TenantControlPlaneSpec writePermissions(WritePermissions writePermissions) {
    this.writePermissions = writePermissions;
    return this;
  }

  public WritePermissions getWritePermissions() {
    return writePermissions;
  }

  public void setWritePermissions(WritePermissions writePermissions) {
    this.writePermissions = writePermissions;
  }

  public TenantControlPlaneSpec dataStore(String dataStore) {
    this.dataStore = dataStore;
    return this;
  }

  public String getDataStore() {
    return dataStore;
  }

  public void setDataStore(String dataStore) {
    this.dataStore = dataStore;
  }

  public TenantControlPlaneSpec dataStoreSchema(String dataStoreSchema) {
    this.dataStoreSchema = dataStoreSchema;
    return this;
  }

  public String getDataStoreSchema() {
    return dataStoreSchema;
  }

  public void setDataStoreSchema(String dataStoreSchema) {
    this.dataStoreSchema = dataStoreSchema;
  }

  public TenantControlPlaneSpec dataStoreUsername(String dataStoreUsername) {
    this.dataStoreUsername = dataStoreUsername;
    return this;
  }

  public String getDataStoreUsername() {
    return dataStoreUsername;
  }

  public void setDataStoreUsername(String dataStoreUsername) {
    this.dataStoreUsername = dataStoreUsername;
  }

  public TenantControlPlaneSpec dataStoreOverrides(List<DataStoreOverride> dataStoreOverrides) {
    this.dataStoreOverrides = dataStoreOverrides;
    return this;
  }

  public List<DataStoreOverride> getDataStoreOverrides() {
    return dataStoreOverrides;
  }

  public void setDataStoreOverrides(List<DataStoreOverride> dataStoreOverrides) {
    this.dataStoreOverrides = dataStoreOverrides;
  }

  public TenantControlPlaneSpec controlPlane(ControlPlaneSpec controlPlane) {
    this.controlPlane = controlPlane;
    return this;
  }

  public ControlPlaneSpec getControlPlane() {
    return controlPlane;
  }

  public void setControlPlane(ControlPlaneSpec controlPlane) {
    this.controlPlane = controlPlane;
  }

  public TenantControlPlaneSpec kubernetes(KubernetesSpec kubernetes) {
    this.kubernetes = kubernetes;
    return this;
  }

  public KubernetesSpec getKubernetes() {
    return kubernetes;
  }

  public void setKubernetes(KubernetesSpec kubernetes) {
    this.kubernetes = kubernetes;
  }

  public TenantControlPlaneSpec networkProfile(NetworkProfileSpec networkProfile) {
    this.networkProfile = networkProfile;
    return this;
  }

  public NetworkProfileSpec getNetworkProfile() {
    return networkProfile;
  }

  public void setNetworkProfile(NetworkProfileSpec networkProfile) {
    this.networkProfile = networkProfile;
  }

  public TenantControlPlaneSpec addons(AddonsSpec addons) {
    this.addons = addons;
    return this;
  }

  public AddonsSpec getAddons() {
    return addons;
  }

  public void setAddons(AddonsSpec addons) {
    this.addons = addons;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    TenantControlPlaneSpec that = (TenantControlPlaneSpec) o;
    return Objects.equals(writePermissions, that.writePermissions)
        && Objects.equals(dataStore, that.dataStore)
        && Objects.equals(dataStoreSchema, that.dataStoreSchema)
        && Objects.equals(dataStoreUsername, that.dataStoreUsername)
        && Objects.equals(dataStoreOverrides, that.dataStoreOverrides)
        && Objects.equals(controlPlane, that.controlPlane)
        && Objects.equals(kubernetes, that.kubernetes)
        && Objects.equals(networkProfile, that.networkProfile)
        && Objects.equals(addons, that.addons);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        writePermissions,
        dataStore,
        dataStoreSchema,
        dataStoreUsername,
        dataStoreOverrides,
        controlPlane,
        kubernetes,
        networkProfile,
        addons);
  }

  @Override
  public String toString() {
    return "TenantControlPlaneSpec{writePermissions="
        + writePermissions
        + ", dataStore="
        + dataStore
        + ", dataStoreSchema="
        + dataStoreSchema
        + ", dataStoreUsername="
        + dataStoreUsername
        + ", dataStoreOverrides="
        + dataStoreOverrides
        + ", controlPlane="
        + controlPlane
        + ", kubernetes="
        + kubernetes
        + ", networkProfile="
        + networkProfile
        + ", addons="
        + addons
        + "}";
  }
}
