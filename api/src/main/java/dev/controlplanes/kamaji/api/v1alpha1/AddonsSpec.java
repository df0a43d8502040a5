package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** {@code spec.addons}: a present addon is enabled. */
public final class AddonsSpec {
  private AddonSpec coreDNS;
  private KonnectivitySpec konnectivity;
  private AddonSpec kubeProxy;

  public AddonsSpec coreDNS(AddonSpec coreDNS) {
    this.coreDNS = coreDNS;
    return this;
  }

  public AddonSpec getCoreDNS() {
    return coreDNS;
  }

  public void setCoreDNS(AddonSpec coreDNS) {
    this.coreDNS = coreDNS;
  }

  public AddonsSpec konnectivity(KonnectivitySpec konnectivity) {
    this.konnectivity = konnectivity;
    return this;
  }

  public KonnectivitySpec getKonnectivity() {
    return konnectivity;
  }

  public void setKonnectivity(KonnectivitySpec konnectivity) {
    this.konnectivity = konnectivity;
  }

  public AddonsSpec kubeProxy(AddonSpec kubeProxy) {
    this.kubeProxy = kubeProxy;
    return this;
  }

  public AddonSpec getKubeProxy() {
    return kubeProxy;
  }

  public void setKubeProxy(AddonSpec kubeProxy) {
    this.kubeProxy = kubeProxy;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    AddonsSpec that = (AddonsSpec) o;
    return Objects.equals(coreDNS, that.coreDNS)
        && Objects.equals(konnectivity, that.konnectivity)
        && Objects.equals(kubeProxy, that.kubeProxy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(coreDNS, konnectivity, kubeProxy);
  }

  @Override
  public String toString() {
    return "AddonsSpec{coreDNS="
        + coreDNS
        + ", konnectivity="
        + konnectivity
        + ", kubeProxy="
        + kubeProxy
        + "}";
  }
}
