package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.DeploymentProbes;
import dev.controlplanes.kamaji.api.v1alpha1.ProbeSet;
import dev.controlplanes.kamaji.api.v1alpha1.ProbeSpec;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1HTTPGetAction;
import io.kubernetes.client.openapi.models.V1Probe;
import java.util.Objects;

/** The control-plane containers' probes and the user's timing overrides. */
final class Probes {

  private Probes() {}

  /** HTTPS GET on the path and port; timeout 1 s, period 10 s, failure threshold 3. */
  static V1Probe https(String path, int port) {
    return new V1Probe()
        .httpGet(new V1HTTPGetAction().path(path).port(new IntOrString(port)).scheme("HTTPS"))
        .initialDelaySeconds(0)
        .timeoutSeconds(1)
        .periodSeconds(10)
        .successThreshold(1)
        .failureThreshold(3);
  }

  /**
   * Kamaji's liveness probe of the konnectivity server and agents: plain HTTP {@code /healthz} on
   * their health port, period 10 s, failure threshold 3.
   */
  static V1Probe konnectivityHealthz(int port, int initialDelaySeconds, int timeoutSeconds) {
    return new V1Probe()
        .httpGet(new V1HTTPGetAction().path("/healthz").port(new IntOrString(port)).scheme("HTTP"))
        .initialDelaySeconds(initialDelaySeconds)
        .timeoutSeconds(timeoutSeconds)
        .periodSeconds(10)
        .successThreshold(1)
        .failureThreshold(3);
  }

  /** Liveness, readiness and startup probes, then the global and per-component overrides. */
  static void set(
      V1Container c,
      V1Probe liveness,
      V1Probe readiness,
      V1Probe startup,
      DeploymentProbes probes,
      ProbeSet component) {
    c.livenessProbe(liveness).readinessProbe(readiness).startupProbe(startup);
    if (probes == null) {
      return;
    }
    override(liveness, probes.getLiveness());
    override(readiness, probes.getReadiness());
    override(startup, probes.getStartup());
    if (component != null) {
      override(liveness, component.getLiveness());
      override(readiness, component.getReadiness());
      override(startup, component.getStartup());
    }
  }

  private static void override(V1Probe probe, ProbeSpec spec) {
    if (spec == null) {
      return;
    }
    probe.initialDelaySeconds(
        Objects.requireNonNullElse(spec.getInitialDelaySeconds(), probe.getInitialDelaySeconds()));
    probe.timeoutSeconds(
        Objects.requireNonNullElse(spec.getTimeoutSeconds(), probe.getTimeoutSeconds()));
    probe.periodSeconds(
        Objects.requireNonNullElse(spec.getPeriodSeconds(), probe.getPeriodSeconds()));
    probe.successThreshold(
        Objects.requireNonNullElse(spec.getSuccessThreshold(), probe.getSuccessThreshold()));
    probe.failureThreshold(
        Objects.requireNonNullElse(spec.getFailureThreshold(), probe.getFailureThreshold()));
  }
}
