package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** Liveness, readiness and startup probe settings of one component. */
public final class ProbeSet {
  private ProbeSpec liveness;
  private ProbeSpec readiness;
  private ProbeSpec startup;

  public ProbeSet liveness(ProbeSpec liveness) {
    this.liveness = liveness;
    return this;
  }

  public ProbeSpec getLiveness() {
    return liveness;
  }

  public void setLiveness(ProbeSpec liveness) {
    this.liveness = liveness;
  }

  public ProbeSet readiness(ProbeSpec readiness) {
    this.readiness = readiness;
    return this;
  }

  public ProbeSpec getReadiness() {
    return readiness;
  }

  public void setReadiness(ProbeSpec readiness) {
    this.readiness = readiness;
  }

  public ProbeSet startup(ProbeSpec startup) {
    this.startup = startup;
    return this;
  }

  public ProbeSpec getStartup() {
    return startup;
  }

  public void setStartup(ProbeSpec startup) {
    this.startup = startup;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    ProbeSet that = (ProbeSet) o;
    return Objects.equals(liveness, that.liveness)
        && Objects.equals(readiness, that.readiness)
        && Objects.equals(startup, that.startup);
  }

  @Override
  public int hashCode() {
    return Objects.hash(liveness, readiness, startup);
  }

  @Override
  public String toString() {
    return "ProbeSet{liveness="
        + liveness
        + ", readiness="
        + readiness
        + ", startup="
        + startup
        + "}";
  }
}
