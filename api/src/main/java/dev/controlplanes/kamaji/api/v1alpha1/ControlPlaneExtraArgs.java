package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.List;
import java.util.Objects;

/** User flags ({@code --flag=value}) per control-plane container. */
public final class ControlPlaneExtraArgs {
  private List<String> apiServer;
  private List<String> controllerManager;
  private List<String> scheduler;
  private List<String> kine;

  public ControlPlaneExtraArgs apiServer(List<String> apiServer) {
    this.apiServer = apiServer;
    return this;
  }

  public List<String> getApiServer() {
    return apiServer;
  }

  public void setApiServer(List<String> apiServer) {
    this.apiServer = apiServer;
  }

  public ControlPlaneExtraArgs controllerManager(List<String> controllerManager) {
    this.controllerManager = controllerManager;
    return this;
  }

  public List<String> getControllerManager() {
    return controllerManager;
  }

  public void setControllerManager(List<String> controllerManager) {
    this.controllerManager = controllerManager;
  }

  public ControlPlaneExtraArgs scheduler(List<String> scheduler) {
    this.scheduler = scheduler;
    return this;
  }

  public List<String> getScheduler() {
    return scheduler;
  }

  public void setScheduler(List<String> scheduler) {
    this.scheduler = scheduler;
  }

  public ControlPlaneExtraArgs kine(List<String> kine) {
    this.kine = kine;
    return this;
  }

  public List<String> getKine() {
    return kine;
  }

  public void setKine(List<String> kine) {
    this.kine = kine;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    ControlPlaneExtraArgs that = (ControlPlaneExtraArgs) o;
    return Objects.equals(apiServer, that.apiServer)
        && Objects.equals(controllerManager, that.controllerManager)
        && Objects.equals(scheduler, that.scheduler)
        && Objects.equals(kine, that.kine);
  }

  @Override
  public int hashCode() {
    return Objects.hash(apiServer, controllerManager, scheduler, kine);
  }

  @Override
  public String toString() {
    return "ControlPlaneExtraArgs{apiServer="
        + apiServer
        + ", controllerManager="
        + controllerManager
        + ", scheduler="
        + scheduler
        + ", kine="
        + kine
        + "}";
  }
}
