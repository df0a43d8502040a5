package dev.controlplanes.kamaji.apiserver.registry;

/**
 * A validated list or watch request.
 *
 * @param namespace the namespace, or "" for all namespaces and cluster-scoped kinds
 * @param resourceVersion the raw resourceVersion parameter, or null
 * @param resourceVersionMatch Exact, NotOlderThan, or null
 * @param limit 0 for no limit
 * @param continueToken the raw continue parameter, or null
 */
public record ListQuery(
    String namespace,
    LabelSelector labels,
    FieldSelector fields,
    String resourceVersion,
    String resourceVersionMatch,
    long limit,
    String continueToken) {

  public boolean matches(com.google.gson.JsonObject object) {
    return fields.matches(Meta.namespace(object), Meta.name(object))
        && labels.test(Meta.labels(object));
  }
}
