package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** Timing overrides of one probe. */
public final class ProbeSpec {
  private Integer initialDelaySeconds;
  private Integer timeoutSeconds;
  private Integer periodSeconds;
  private Integer successThreshold;
  private Integer failureThreshold;

  public ProbeSpec initialDelaySeconds(Integer initialDelaySeconds) {
    this.initialDelaySeconds = initialDelaySeconds;
    return this;
  }

  public Integer getInitialDelaySeconds() {
    return initialDelaySeconds;
  }

  public void setInitialDelaySeconds(Integer initialDelaySeconds) {
    this.initialDelaySeconds = initialDelaySeconds;
  }

  public ProbeSpec timeoutSeconds(Integer timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
    return this;
  }

  public Integer getTimeoutSeconds() {
    return timeoutSeconds;
  }

  public void setTimeoutSeconds(Integer timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  public ProbeSpec periodSeconds(Integer periodSeconds) {
    this.periodSeconds = periodSeconds;
    return this;
  }

  public Integer getPeriodSeconds() {
    return periodSeconds;
  }

  public void setPeriodSeconds(Integer periodSeconds) {
    this.periodSeconds = periodSeconds;
  }

  public ProbeSpec successThreshold(Integer successThreshold) {
    this.successThreshold = successThreshold;
    return this;
  }

  public Integer getSuccessThreshold() {
    return successThreshold;
  }

  public void setSuccessThreshold(Integer successThreshold) {
    this.successThreshold = successThreshold;
  }

  public ProbeSpec failureThreshold(Integer failureThreshold) {
    this.failureThreshold = failureThreshold;
    return this;
  }

  public Integer getFailureThreshold() {
    return failureThreshold;
  }

  public void setFailureThreshold(Integer failureThreshold) {
    this.failureThreshold = failureThreshold;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    ProbeSpec that = (ProbeSpec) o;
    return Objects.equals(initialDelaySeconds, that.initialDelaySeconds)
        && Objects.equals(timeoutSeconds, that.timeoutSeconds)
        && Objects.equals(periodSeconds, that.periodSeconds)
        && Objects.equals(successThreshold, that.successThreshold)
        && Objects.equals(failureThreshold, that.failureThreshold);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        initialDelaySeconds, timeoutSeconds, periodSeconds, successThreshold, failureThreshold);
  }

  @Override
  public String toString() {
    return "ProbeSpec{initialDelaySeconds="
        + initialDelaySeconds
        + ", timeoutSeconds="
        + timeoutSeconds
        + ", periodSeconds="
        + periodSeconds
        + ", successThreshold="
        + successThreshold
        + ", failureThreshold="
        + failureThreshold
        + "}";
  }
}
