package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** Where the control-plane images come from: {@code <registry>/<image>:<version><tagSuffix>}. */
public final class RegistrySettings {
  private String registry;
  private String tagSuffix;
  private String apiServerImage;
  private String controllerManagerImage;
  private String schedulerImage;

  public RegistrySettings registry(String registry) {
    this.registry = registry;
    return this;
  }

  public String getRegistry() {
    return registry;
  }

  public void setRegistry(String registry) {
    this.registry = registry;
  }

  public RegistrySettings tagSuffix(String tagSuffix) {
    this.tagSuffix = tagSuffix;
    return this;
  }

  public String getTagSuffix() {
    return tagSuffix;
  }

  public void setTagSuffix(String tagSuffix) {
    this.tagSuffix = tagSuffix;
  }

  public RegistrySettings apiServerImage(String apiServerImage) {
    this.apiServerImage = apiServerImage;
    return this;
  }

  public String getApiServerImage() {
    return apiServerImage;
  }

  public void setApiServerImage(String apiServerImage) {
    this.apiServerImage = apiServerImage;
  }

  public RegistrySettings controllerManagerImage(String controllerManagerImage) {
    this.controllerManagerImage = controllerManagerImage;
    return this;
  }

  public String getControllerManagerImage() {
    return controllerManagerImage;
  }

  public void setControllerManagerImage(String controllerManagerImage) {
    this.controllerManagerImage = controllerManagerImage;
  }

  public RegistrySettings schedulerImage(String schedulerImage) {
    this.schedulerImage = schedulerImage;
    return this;
  }

  public String getSchedulerImage() {
    return schedulerImage;
  }

  public void setSchedulerImage(String schedulerImage) {
    this.schedulerImage = schedulerImage;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    RegistrySettings that = (RegistrySettings) o;
    return Objects.equals(registry, that.registry)
        && Objects.equals(tagSuffix, that.tagSuffix)
        && Objects.equals(apiServerImage, that.apiServerImage)
        && Objects.equals(controllerManagerImage, that.controllerManagerImage)
        && Objects.equals(schedulerImage, that.schedulerImage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        registry, tagSuffix, apiServerImage, controllerManagerImage, schedulerImage);
  }

  @Override
  public String toString() {
    return "RegistrySettings{registry="
        + registry
        + ", tagSuffix="
        + tagSuffix
        + ", apiServerImage="
        + apiServerImage
        + ", controllerManagerImage="
        + controllerManagerImage
        + ", schedulerImage="
        + schedulerImage
        + "}";
  }
}
