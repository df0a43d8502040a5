package dev.controlplanes.kamaji.apiserver.authz;

/**
 * The exact 403 texts of k8s.io/apiserver ({@code responsewriters.Forbidden} and apimachinery's
 * {@code NewForbidden}), which kubectl prints verbatim:
 *
 * <pre>
 * tenantcontrolplanes.kamaji.clastix.io "t1" is forbidden: User "alice" cannot get resource
 *     "tenantcontrolplanes" in API group "kamaji.clastix.io" in the namespace "tcp-test"
 * tenantcontrolplanes.kamaji.clastix.io is forbidden: User "alice" cannot list resource ...
 * ... cannot get resource "tenantcontrolplanes/status" in API group ... in the namespace ...
 * datastores.kamaji.clastix.io "d1" is forbidden: ... in API group "kamaji.clastix.io" at the
 *     cluster scope
 * forbidden: User "alice" cannot get path "/openapi/v3"
 * </pre>
 *
 * A non-empty authorizer reason is appended after {@code ": "}. As in Go, {@code & < >} in the
 * generated part are HTML-escaped, quoted values use Go's {@code %q} quoting, and the reason is
 * appended unchanged.
 */
public final class ForbiddenMessages {

  /**
   * The content of the 403 {@code Status}: {@code message}, and {@code details} with the API group,
   * the resource plural as {@code kind} (without subresource) and the object name. All three are
   * empty for non-resource requests.
   */
  public record Forbidden(String message, String group, String kind, String name) {}

  private ForbiddenMessages() {}

  /** The message and Status details for a denied request. */
  public static Forbidden forbidden(AuthorizationAttributes attributes, String reason) {
    return new Forbidden(
        message(attributes, reason),
        attributes.apiGroup(),
        attributes.resource(),
        attributes.name());
  }

  /** The Status {@code message} for a denied request. */
  public static String message(AuthorizationAttributes attributes, String reason) {
    String detail = sanitize(userMessage(attributes));
    if (reason != null && !reason.isEmpty()) {
      detail = detail + ": " + reason;
    }
    String group = attributes.apiGroup();
    String resource = attributes.resource();
    if (group.isEmpty() && resource.isEmpty()) {
      return "forbidden: " + detail;
    }
    String qualified = group.isEmpty() ? resource : resource + "." + group;
    if (attributes.name().isEmpty()) {
      return qualified + " is forbidden: " + detail;
    }
    return qualified + " " + GoQuote.quote(attributes.name()) + " is forbidden: " + detail;
  }

  private static String userMessage(AuthorizationAttributes attributes) {
    String user = GoQuote.quote(attributes.user().name());
    String verb = attributes.verb();
    if (!attributes.resourceRequest()) {
      return "User " + user + " cannot " + verb + " path " + GoQuote.quote(attributes.path());
    }
    String resource = attributes.resource();
    if (!attributes.subresource().isEmpty()) {
      resource = resource + "/" + attributes.subresource();
    }
    String prefix =
        "User "
            + user
            + " cannot "
            + verb
            + " resource "
            + GoQuote.quote(resource)
            + " in API group "
            + GoQuote.quote(attributes.apiGroup());
    if (!attributes.namespace().isEmpty()) {
      return prefix + " in the namespace " + GoQuote.quote(attributes.namespace());
    }
    return prefix + " at the cluster scope";
  }

  /** Go's sanitizer: messages must not look like HTML. Quotes are fine. */
  private static String sanitize(String message) {
    return message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
