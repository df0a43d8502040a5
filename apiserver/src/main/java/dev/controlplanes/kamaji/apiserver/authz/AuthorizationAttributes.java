package dev.controlplanes.kamaji.apiserver.authz;

import dev.controlplanes.kamaji.apiserver.authn.UserInfo;
import java.util.Objects;

/**
 * What is being asked, as k8s.io/apiserver's {@code authorizer.Attributes}: who, which verb, and
 * either a resource (group, version, resource, subresource, namespace, name) or a non-resource
 * path. Null strings become empty strings.
 *
 * @param user the authenticated user
 * @param verb the kube verb ({@code get}, {@code list}, {@code watch}, {@code create}, {@code
 *     update}, {@code patch}, {@code delete}, {@code deletecollection}) or, for non-resource
 *     requests, the lower-case HTTP method
 * @param resourceRequest true for API resources, false for paths such as {@code /openapi/v3}
 * @param path the request path
 * @param namespace empty for cluster-scoped resources and all-namespace lists
 * @param apiGroup e.g. {@code kamaji.clastix.io}
 * @param apiVersion e.g. {@code v1alpha1}
 * @param resource plural, e.g. {@code tenantcontrolplanes}
 * @param subresource e.g. {@code status}, {@code kubeconfig}
 * @param name object name; empty for collections (list/watch carry it from a {@code metadata.name}
 *     field selector)
 */
public record AuthorizationAttributes(
    UserInfo user,
    String verb,
    boolean resourceRequest,
    String path,
    String namespace,
    String apiGroup,
    String apiVersion,
    String resource,
    String subresource,
    String name) {

  public AuthorizationAttributes {
    Objects.requireNonNull(user, "user");
    verb = orEmpty(verb);
    path = orEmpty(path);
    namespace = orEmpty(namespace);
    apiGroup = orEmpty(apiGroup);
    apiVersion = orEmpty(apiVersion);
    resource = orEmpty(resource);
    subresource = orEmpty(subresource);
    name = orEmpty(name);
  }

  /** A non-resource request: {@code verb} is the lower-case HTTP method. */
  public static AuthorizationAttributes nonResource(UserInfo user, String verb, String path) {
    return new AuthorizationAttributes(user, verb, false, path, "", "", "", "", "", "");
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
