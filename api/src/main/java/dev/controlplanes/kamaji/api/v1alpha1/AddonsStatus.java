package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** {@code status.addons}. */
public final class AddonsStatus {
  private AddonStatus coreDNS;
  private AddonStatus kubeProxy;
  private KonnectivityStatus konnectivity;

  public AddonsStatus coreDNS(AddonStatus coreDNS) {
    this.coreDNS = coreDNS;
    return this;
  }

  public AddonStatus getCoreDNS() {
    return coreDNS;
  }

  public void setCoreDNS(AddonStatus coreDNS) {
    this.coreDNS = coreDNS;
  }

  public AddonsStatus kubeProxy(AddonStatus kubeProxy) {
    this.kubeProxy = kubeProxy;
    return this;
  }

  public AddonStatus getKubeProxy() {
    return kubeProxy;
  }

  public void setKubeProxy(AddonStatus kubeProxy) {
    this.kubeProxy = kubeProxy;
  }

  public AddonsStatus konnectivity(KonnectivityStatus konnectivity) {
    this.konnectivity = konnectivity;
    return this;
  }

  public KonnectivityStatus getKonnectivity() {
    return konnectivity;
  }

  public void setKonnectivity(KonnectivityStatus konnectivity) {
    this.konnectivity = konnectivity;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    AddonsStatus that = (AddonsStatus) o;
    return Objects.equals(coreDNS, that.coreDNS)
        && Objects.equals(kubeProxy, that.kubeProxy)
        && Objects.equals(konnectivity, that.konnectivity);
  }

  @Override
  public int hashCode() {
    return Objects.hash(coreDNS, kubeProxy, konnectivity);
  }

  @Override
  public String toString() {
    return "AddonsStatus{coreDNS="
        + coreDNS
        + ", kubeProxy="
        + kubeProxy
        + ", konnectivity="
        + konnectivity
        + "}";
  }
}
