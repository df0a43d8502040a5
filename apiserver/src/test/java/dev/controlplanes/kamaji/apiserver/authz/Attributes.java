package dev.controlplanes.kamaji.apiserver.authz;

import dev.controlplanes.kamaji.apiserver.authn.UserInfo;

/** Readable attribute fixtures for the kamaji resources. */
final class Attributes {

  static final String GROUP = "kamaji.clastix.io";
  static final String VERSION = "v1alpha1";

  private Attributes() {}

  static AuthorizationAttributes tcp(
      UserInfo user, String verb, String namespace, String name, String subresource) {
    String path =
        "/apis/kamaji.clastix.io/v1alpha1/namespaces/"
            + namespace
            + "/tenantcontrolplanes"
            + (name.isEmpty() ? "" : "/" + name)
            + (subresource.isEmpty() ? "" : "/" + subresource);
    return new AuthorizationAttributes(
        user,
        verb,
        true,
        path,
        namespace,
        GROUP,
        VERSION,
        "tenantcontrolplanes",
        subresource,
        name);
  }

  static AuthorizationAttributes datastore(UserInfo user, String verb, String name) {
    return new AuthorizationAttributes(
        user,
        verb,
        true,
        "/apis/kamaji.clastix.io/v1alpha1/datastores/" + name,
        "",
        GROUP,
        VERSION,
        "datastores",
        "",
        name);
  }
}
