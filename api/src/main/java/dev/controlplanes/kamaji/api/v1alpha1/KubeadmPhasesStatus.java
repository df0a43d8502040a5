package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** {@code status.kubeadmPhase}. */
public final class KubeadmPhasesStatus {
  private KubeadmPhaseStatus bootstrapToken;

  public KubeadmPhasesStatus bootstrapToken(KubeadmPhaseStatus bootstrapToken) {
    this.bootstrapToken = bootstrapToken;
    return this;
  }

  public KubeadmPhaseStatus getBootstrapToken() {
    return bootstrapToken;
  }

  public void setBootstrapToken(KubeadmPhaseStatus bootstrapToken) {
    this.bootstrapToken = bootstrapToken;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    KubeadmPhasesStatus that = (KubeadmPhasesStatus) o;
    return Objects.equals(bootstrapToken, that.bootstrapToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bootstrapToken);
  }

  @Override
  public String toString() {
    return "KubeadmPhasesStatus{bootstrapToken=" + bootstrapToken + "}";
  }
}
