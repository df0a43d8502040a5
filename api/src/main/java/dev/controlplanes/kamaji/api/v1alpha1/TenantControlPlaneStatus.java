package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** The observed state of a tenant control plane. */
public final class TenantControlPlaneStatus {
  private Long observedGeneration;
  private StorageStatus storage;
  private CertificatesStatus certificates;
  private KubeconfigsStatus kubeconfig;
  private KubernetesResourcesStatus kubernetesResources;
  private KubeadmConfigStatus kubeadmconfig;
  private KubeadmPhasesStatus kubeadmPhase;
  private String controlPlaneEndpoint;
  private AddonsStatus addons;

  public TenantControlPlaneStatus observedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
    return this;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public TenantControlPlaneStatus storage(StorageStatus storage) {
    this.storage = storage;
    return this;
  }

  public StorageStatus getStorage() {
    return storage;
  }

  public void setStorage(StorageStatus storage) {
    this.storage = storage;
  }

  public TenantControlPlaneStatus certificates(CertificatesStatus certificates) {
    this.certificates = certificates;
    return this;
  }

  public CertificatesStatus getCertificates() {
    return certificates;
  }

  public void setCertificates(CertificatesStatus certificates) {
    this.certificates = certificates;
  }

  public TenantControlPlaneStatus kubeconfig(KubeconfigsStatus kubeconfig) {
    this.kubeconfig = kubeconfig;
    return this;
  }

  public KubeconfigsStatus getKubeconfig() {
    return kubeconfig;
  }

  public void setKubeconfig(KubeconfigsStatus kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  public TenantControlPlaneStatus kubernetesResources(
      KubernetesResourcesStatus kubernetesResources) {
    this.kubernetesResources = kubernetesResources;
    return this;
  }

  public KubernetesResourcesStatus getKubernetesResources() {
    return kubernetesResources;
  }

  public void setKubernetesResources(KubernetesResourcesStatus kubernetesResources) {
    this.kubernetesResources = kubernetesResources;
  }

  public TenantControlPlaneStatus kubeadmconfig(KubeadmConfigStatus kubeadmconfig) {
    this.kubeadmconfig = kubeadmconfig;
    return this;
  }

  public KubeadmConfigStatus getKubeadmconfig() {
    return kubeadmconfig;
  }

  public void setKubeadmconfig(KubeadmConfigStatus kubeadmconfig) {
    this.kubeadmconfig = kubeadmconfig;
  }

  public TenantControlPlaneStatus kubeadmPhase(KubeadmPhasesStatus kubeadmPhase) {
    this.kubeadmPhase = kubeadmPhase;
    return this;
  }

  public KubeadmPhasesStatus getKubeadmPhase() {
    return kubeadmPhase;
  }

  public void setKubeadmPhase(KubeadmPhasesStatus kubeadmPhase) {
    this.kubeadmPhase = kubeadmPhase;
  }

  public TenantControlPlaneStatus controlPlaneEndpoint(String controlPlaneEndpoint) {
    this.controlPlaneEndpoint = controlPlaneEndpoint;
    return this;
  }

  public String getControlPlaneEndpoint() {
    return controlPlaneEndpoint;
  }

  public void setControlPlaneEndpoint(String controlPlaneEndpoint) {
    this.controlPlaneEndpoint = controlPlaneEndpoint;
  }

  public TenantControlPlaneStatus addons(AddonsStatus addons) {
    this.addons = addons;
    return this;
  }

  public AddonsStatus getAddons() {
    return addons;
  }

  public void setAddons(AddonsStatus addons) {
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
    TenantControlPlaneStatus that = (TenantControlPlaneStatus) o;
    return Objects.equals(observedGeneration, that.observedGeneration)
        && Objects.equals(storage, that.storage)
        && Objects.equals(certificates, that.certificates)
        && Objects.equals(kubeconfig, that.kubeconfig)
        && Objects.equals(kubernetesResources, that.kubernetesResources)
        && Objects.equals(kubeadmconfig, that.kubeadmconfig)
        && Objects.equals(kubeadmPhase, that.kubeadmPhase)
        && Objects.equals(controlPlaneEndpoint, that.controlPlaneEndpoint)
        && Objects.equals(addons, that.addons);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        observedGeneration,
        storage,
        certificates,
        kubeconfig,
        kubernetesResources,
        kubeadmconfig,
        kubeadmPhase,
        controlPlaneEndpoint,
        addons);
  }

  @Override
  public String toString() {
    return "TenantControlPlaneStatus{observedGeneration="
        + observedGeneration
        + ", storage="
        + storage
        + ", certificates="
        + certificates
        + ", kubeconfig="
        + kubeconfig
        + ", kubernetesResources="
        + kubernetesResources
        + ", kubeadmconfig="
        + kubeadmconfig
        + ", kubeadmPhase="
        + kubeadmPhase
        + ", controlPlaneEndpoint="
        + controlPlaneEndpoint
        + ", addons="
        + addons
        + "}";
  }
}
