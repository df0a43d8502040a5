package dev.controlplanes.kamaji.apiserver.request;

/**
 * What a request is about, derived from its method, path and query, as k8s.io/apiserver's
 * RequestInfo: the verb used for authorization and routing, and the resource coordinates.
 *
 * @param resourceRequest true for paths under {@code /apis/<group>/<version>/<resource>}
 * @param path the request path without query
 * @param verb for resource requests get/list/watch/create/update/patch/delete/deletecollection;
 *     otherwise the lower-case HTTP method
 * @param namespace the namespace from the path, or "" for cluster-scope and all-namespace requests
 * @param name the object name from the path, or ""
 * @param subresource e.g. "status", or ""
 */
public record RequestInfo(
    boolean resourceRequest,
    String path,
    String verb,
    String apiGroup,
    String apiVersion,
    String namespace,
    String resource,
    String subresource,
    String name) {

  public static RequestInfo nonResource(String path, String verb) {
    return new RequestInfo(false, path, verb, "", "", "", "", "", "");
  }

  public boolean hasName() {
    return !name.isEmpty();
  }
}
