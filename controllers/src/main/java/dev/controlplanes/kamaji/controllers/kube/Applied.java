package dev.controlplanes.kamaji.controllers.kube;

import io.kubernetes.client.common.KubernetesObject;

/** The outcome of a write and the object as the API server now holds it. */
public record Applied<T extends KubernetesObject>(WriteResult result, T object) {}
