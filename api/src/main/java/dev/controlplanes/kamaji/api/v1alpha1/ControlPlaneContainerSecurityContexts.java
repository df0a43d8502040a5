package dev.controlplanes.kamaji.api.v1alpha1;

import io.kubernetes.client.openapi.models.V1SecurityContext;
import java.util.Objects;

/** Security contexts per control-plane container. */
public final class ControlPlaneContainerSecurityContexts {
  private V1SecurityContext apiServer;
  private V1SecurityContext controllerManager;
  private V1SecurityContext scheduler;

  public ControlPlaneContainerSecurityContexts apiServer(V1SecurityContext apiServer) {
    this.apiServer = apiServer;
    return this;
  }

  public V1SecurityContext getApiServer() {
    return apiServer;
  }

  public void setApiServer(V1SecurityContext apiServer) {
    this.apiServer = apiServer;
  }

  public ControlPlaneContainerSecurityContexts controllerManager(
      V1SecurityContext controllerManager) {
    this.controllerManager = controllerManager;
    return this;
  }

  public V1SecurityContext getControllerManager() {
    return controllerManager;
  }

  public void setControllerManager(V1SecurityContext controllerManager) {
    this.controllerManager = controllerManager;
  }

  public ControlPlaneContainerSecurityContexts scheduler(V1SecurityContext scheduler) {
    this.scheduler = scheduler;
    return this;
  }

  public V1SecurityContext getScheduler() {
    return scheduler;
  }

  public void setScheduler(V1SecurityContext scheduler) {
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
    ControlPlaneContainerSecurityContexts that = (ControlPlaneContainerSecurityContexts) o;
    return Objects.equals(apiServer, that.apiServer)
        && Objects.equals(controllerManager, that.controllerManager)
        && Objects.equals(scheduler, that.scheduler);
  }

  @Override
  public int hashCode() {
    return Objects.hash(apiServer, controllerManager, scheduler);
  }

  @Override
  public String toString() {
    return "ControlPlaneContainerSecurityContexts{apiServer="
        + apiServer
        + ", controllerManager="
        + controllerManager
        + ", scheduler="
        + scheduler
        + "}";
  }
}
