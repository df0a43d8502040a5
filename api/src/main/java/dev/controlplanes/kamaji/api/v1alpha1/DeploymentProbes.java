package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** Probe settings for every component, with per-component overrides. */
public final class DeploymentProbes {
  private ProbeSpec liveness;
  private ProbeSpec readiness;
  private ProbeSpec startup;
  private ProbeSet apiServer;
  private ProbeSet controllerManager;
  private ProbeSet scheduler;

  public DeploymentProbes liveness(ProbeSpec liveness) {
    this.liveness = liveness;
    return this;
  }

  public ProbeSpec getLiveness() {
    return liveness;
  }

  public void setLiveness(ProbeSpec liveness) {
    this.liveness = liveness;
  }

  public DeploymentProbes readiness(ProbeSpec readiness) {
    this.readiness = readiness;
    return this;
  }

  public ProbeSpec getReadiness() {
    return readiness;
  }

  public void setReadiness(ProbeSpec readiness) {
    this.readiness = readiness;
  }

  public DeploymentProbes startup(ProbeSpec startup) {
    this.startup = startup;
    return this;
  }

  public ProbeSpec getStartup() {
    return startup;
  }

  public void setStartup(ProbeSpec startup) {
    this.startup = startup;
  }

  public DeploymentProbes apiServer(ProbeSet apiServer) {
    this.apiServer = apiServer;
    return this;
  }

  public ProbeSet getApiServer() {
    return apiServer;
  }

  public void setApiServer(ProbeSet apiServer) {
    this.apiServer = apiServer;
  }

  public DeploymentProbes controllerManager(ProbeSet controllerManager) {
    this.controllerManager = controllerManager;
    return this;
  }

  public ProbeSet getControllerManager() {
    return controllerManager;
  }

  public void setControllerManager(ProbeSet controllerManager) {
    this.controllerManager = controllerManager;
  }

  public DeploymentProbes scheduler(ProbeSet scheduler) {
    this.scheduler = scheduler;
    return this;
  }

  public ProbeSet getScheduler() {
    return scheduler;
  }

  public void setScheduler(ProbeSet scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    DeploymentProbes that = (DeploymentProbes) o;
    return Objects.equals(liveness, that.liveness)
        && Objects.equals(readiness, that.readiness)
        && Objects.equals(startup, that.startup)
        && Objects.equals(apiServer, that.apiServer)
        && Objects.equals(controllerManager, that.controllerManager)
        && Objects.equals(scheduler, that.scheduler);
  }

  @Override
  public int hashCode() {
    return Objects.hash(liveness, readiness, startup, apiServer, controllerManager, scheduler);
  }

  @Override
  public String toString() {
    return "DeploymentProbes{liveness="
        + liveness
        + ", readiness="
        + readiness
        + ", startup="
        + startup
        + ", apiServer="
        + apiServer
        + ", controllerManager="
        + controllerManager
        + ", scheduler="
        + scheduler
        + "}";
  }
}
