package dev.controlplanes.kamaji.controllers.model;

import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Copies that keep builder outputs independent of their inputs and of map order. */
final class Copies {

  private Copies() {}

  /** A deep copy through client-java's JSON, so outputs never alias the caller's objects. */
  static <T> T deep(T value, Class<T> type) {
    return value == null ? null : JSON.deserialize(JSON.serialize(value), type);
  }

  /** Resource requirements with sorted limits and requests (empty when absent). */
  static V1ResourceRequirements resources(V1ResourceRequirements r) {
    V1ResourceRequirements out = new V1ResourceRequirements();
    if (r != null) {
      out.limits(sorted(r.getLimits())).requests(sorted(r.getRequests())).claims(r.getClaims());
    }
    return out;
  }

  static <V> SortedMap<String, V> sorted(Map<String, V> m) {
    return m == null ? null : new TreeMap<>(m);
  }
}
