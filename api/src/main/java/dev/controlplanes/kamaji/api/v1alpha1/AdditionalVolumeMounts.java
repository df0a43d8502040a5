package dev.controlplanes.kamaji.api.v1alpha1;

import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.util.List;
import java.util.Objects;

/** Extra volume mounts per control-plane container. */
public final class AdditionalVolumeMounts {
  private List<V1VolumeMount> apiServer;
  private List<V1VolumeMount> controllerManager;
  private List<V1VolumeMount> scheduler;

  public AdditionalVolumeMounts apiServer(List<V1VolumeMount> apiServer) {
    this.apiServer = apiServer;
    return this;
  }

  public List<V1VolumeMount> getApiServer() {
    return apiServer;
  }

  public void setApiServer(List<V1VolumeMount> apiServer) {
    this.apiServer = apiServer;
  }

  public AdditionalVolumeMounts controllerManager(List<V1VolumeMount> controllerManager) {
    this.controllerManager = controllerManager;
    return this;
  }

  public List<V1VolumeMount> getControllerManager() {
    return controllerManager;
  }

  public void setControllerManager(List<V1VolumeMount> controllerManager) {
    this.controllerManager = controllerManager;
  }

  public AdditionalVolumeMounts scheduler(List<V1VolumeMount> scheduler) {
    this.scheduler = scheduler;
    return this;
  }

  public List<V1VolumeMount> getScheduler() {
    return scheduler;
  }

  public void setScheduler(List<V1VolumeMount> scheduler) {
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
    AdditionalVolumeMounts that = (AdditionalVolumeMounts) o;
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
    return "AdditionalVolumeMounts{apiServer="
        + apiServer
        + ", controllerManager="
        + controllerManager
        + ", scheduler="
        + scheduler
        + "}";
  }
}
