package dev.controlplanes.kamaji.api.v1alpha1;

import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import java.util.Objects;

/** Resource requirements per control-plane container. */
public final class ControlPlaneComponentsResources {
  private V1ResourceRequirements apiServer;
  private V1ResourceRequirements controllerManager;
  private V1ResourceRequirements scheduler;
  private V1ResourceRequirements kine;

  public ControlPlaneComponentsResources apiServer(V1ResourceRequirements apiServer) {
    this.apiServer = apiServer;
    return this;
  }

  public V1ResourceRequirements getApiServer() {
    return apiServer;
  }

  public void setApiServer(V1ResourceRequirements apiServer) {
    this.apiServer = apiServer;
  }

  public ControlPlaneComponentsResources controllerManager(
      V1ResourceRequirements controllerManager) {
    this.controllerManager = controllerManager;
    return this;
  }

  public V1ResourceRequirements getControllerManager() {
    return controllerManager;
  }

  public void setControllerManager(V1ResourceRequirements controllerManager) {
    this.controllerManager = controllerManager;
  }

  public ControlPlaneComponentsResources scheduler(V1ResourceRequirements scheduler) {
    this.scheduler = scheduler;
    return this;
  }

  public V1ResourceRequirements getScheduler() {
    return scheduler;
  }

  public void setScheduler(V1ResourceRequirements scheduler) {
    this.scheduler = scheduler;
  }

  public ControlPlaneComponentsResources kine(V1ResourceRequirements kine) {
    this.kine = kine;
    return this;
  }

  public V1ResourceRequirements getKine() {
    return kine;
  }

  public void setKine(V1ResourceRequirements kine) {
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
    ControlPlaneComponentsResources that = (ControlPlaneComponentsResources) o;
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
    return "ControlPlaneComponentsResources{apiServer="
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
