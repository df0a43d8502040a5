package dev.controlplanes.kamaji.apiserver.registry;

import com.google.gson.JsonObject;
import java.util.Map;

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

  public ListQuery {
    namespace = namespace == null ? "" : namespace;
  }

  public boolean matches(JsonObject object) {
    return matches(Meta.namespace(object), Meta.name(object), Meta.labels(object));
  }

  /**
   * Whether an object with these fields is in the request's namespace (any, when the request names
   * none) and passes its label and field selectors. A list reads only its namespace's keys, but a
   * watch is served from one stream of every namespace's changes, so this is what keeps a watch of
   * one namespace from seeing objects of another.
   */
  public boolean matches(String namespace, String name, Map<String, String> labels) {
    return (this.namespace.isEmpty() || this.namespace.equals(namespace))
        && fields.matches(namespace, name)
        && this.labels.test(labels);
  }
}
