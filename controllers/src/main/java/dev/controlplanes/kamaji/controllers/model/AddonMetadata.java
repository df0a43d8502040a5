package dev.controlplanes.kamaji.controllers.model;

import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Metadata of kubeadm's addon objects as Kamaji applies them in a tenant. */
final class AddonMetadata {

  private AddonMetadata() {}

  /** Kamaji adds its project label to kubeadm's labels of every addon object. */
  static V1ObjectMeta of(String name, String namespace, Map<String, String> labels) {
    SortedMap<String, String> merged = new TreeMap<>(labels);
    merged.put(Labels.PROJECT, Labels.PROJECT_VALUE);
    return new V1ObjectMeta().name(name).namespace(namespace).labels(merged);
  }
}
