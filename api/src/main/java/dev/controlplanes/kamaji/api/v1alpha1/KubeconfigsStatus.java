package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** {@code status.kubeconfig}. */
public final class KubeconfigsStatus {
  private SecretStatus admin;
  private SecretStatus controllerManager;
  private SecretStatus scheduler;

  public KubeconfigsStatus admin(SecretStatus admin) {
    this.admin = admin;
    return this;
  }

  public SecretStatus getAdmin() {
    return admin;
  }

  public void setAdmin(SecretStatus admin) {
    this.admin = admin;
  }

  public KubeconfigsStatus controllerManager(SecretStatus controllerManager) {
    this.controllerManager = controllerManager;
    return this;
  }

  public SecretStatus getControllerManager() {
    return controllerManager;
  }

  public void setControllerManager(SecretStatus controllerManager) {
    this.controllerManager = controllerManager;
  }

  public KubeconfigsStatus scheduler(SecretStatus scheduler) {
    this.scheduler = scheduler;
    return this;
  }

  public SecretStatus getScheduler() {
    return scheduler;
  }

  public void setScheduler(SecretStatus scheduler) {
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
    KubeconfigsStatus that = (KubeconfigsStatus) o;
    return Objects.equals(admin, that.admin)
        && Objects.equals(controllerManager, that.controllerManager)
        && Objects.equals(scheduler, that.scheduler);
  }

  @Override
  public int hashCode() {
    return Objects.hash(admin, controllerManager, scheduler);
  }

  @Override
  public String toString() {
    return "KubeconfigsStatus{admin="
        + admin
        + ", controllerManager="
        + controllerManager
        + ", scheduler="
        + scheduler
        + "}";
  }
}
