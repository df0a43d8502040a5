package dev.controlplanes.kamaji.apiserver.registry.tenantcontrolplane;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import dev.controlplanes.kamaji.apiserver.handlers.SubresourceHandler;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import dev.controlplanes.kamaji.apiserver.registry.GenericStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET .../tenantcontrolplanes/{name}/kubeconfig}: the tenant's admin kubeconfig as YAML,
 * read from the Secret {@code <name>-admin-kubeconfig} that the controllers provision. Query
 * options {@code user=admin|super-admin} and {@code endpoint=external|internal} (default external:
 * the control-plane endpoint; internal: the in-cluster Service address) choose the key ({@code
 * admin.conf}, {@code admin.svc}, {@code super-admin.conf}, {@code super-admin.svc}). The default
 * user is admin, kubeadm's {@code admin.conf} that Kamaji users read: its group {@code
 * kubeadm:cluster-admins} is bound to cluster-admin inside the tenant by the controllers'
 * tenant-side phase once the control plane answers; super-admin ({@code system:masters}) works
 * before that and cannot be revoked inside the tenant. Authorization happened before
 * (SubjectAccessReview on the subresource). The body is a credential: it is never logged.
 */
public final class KubeconfigSubresource implements SubresourceHandler {

  public static final String NAME = "kubeconfig";

  /** Reads a Secret's data from the management cluster; empty when the Secret does not exist. */
  @FunctionalInterface
  public interface SecretReader {

    Optional<Secret> read(String namespace, String name);
  }

  /** The parts of a Secret this handler needs. */
  public record Secret(Map<String, byte[]> data, List<String> controllerUids) {}

  private final Optional<SecretReader> secrets;

  /** {@code secrets} is empty when the server runs without a management cluster. */
  public KubeconfigSubresource(Optional<SecretReader> secrets) {
    this.secrets = secrets;
  }

  @Override
  public ApiResponse handle(ApiRequest request, GenericStore store) {
    if (!request.info().verb().equals("get")) {
      throw Statuses.methodNotAllowed(request.method(), store.type().qualified());
    }
    String key = key(request.param("user"), request.param("endpoint"));
    String namespace = request.info().namespace();
    String name = request.info().name();
    JsonObject tcp = store.get(namespace, name); // 404 when the TenantControlPlane does not exist
    if (secrets.isEmpty()) {
      throw Statuses.serviceUnavailable(
          "the kubeconfig subresource needs a management cluster (--kubeconfig or --in-cluster)");
    }
    String secretName = secretName(tcp, name);
    Secret secret =
        secrets
            .get()
            .read(namespace, secretName)
            .filter(s -> ownedBy(s, uid(tcp)))
            .orElseThrow(
                () ->
                    notProvisioned(
                        store,
                        name,
                        "its admin kubeconfig Secret " + secretName + " does not exist yet"));
    byte[] kubeconfig = secret.data() == null ? null : secret.data().get(key);
    if (kubeconfig == null || kubeconfig.length == 0) {
      throw notProvisioned(store, name, "its Secret " + secretName + " has no key " + key + " yet");
    }
    return new ApiResponse.Full(
        200,
        List.of(
            Map.entry("Content-Type", "application/yaml"),
            Map.entry("Cache-Control", "no-store"),
            Map.entry("X-Content-Type-Options", "nosniff")),
        kubeconfig);
  }

  /** The Secret key for the query options; 400 for values outside the documented sets. */
  static String key(String user, String endpoint) {
    String u = user == null || user.isEmpty() ? "admin" : user;
    String e = endpoint == null || endpoint.isEmpty() ? "external" : endpoint;
    if (!u.equals("admin") && !u.equals("super-admin")) {
      throw Statuses.badRequest(
          "invalid value for query parameter user: \"" + u + "\" (allowed: admin, super-admin)");
    }
    if (!e.equals("external") && !e.equals("internal")) {
      throw Statuses.badRequest(
          "invalid value for query parameter endpoint: \""
              + e
              + "\" (allowed: external, internal)");
    }
    return u + (e.equals("external") ? ".conf" : ".svc");
  }

  private static String secretName(JsonObject tcp, String name) {
    JsonElement fromStatus = path(tcp, "status", "kubeconfig", "admin", "secretName");
    return fromStatus != null && fromStatus.isJsonPrimitive() && !fromStatus.getAsString().isEmpty()
        ? fromStatus.getAsString()
        : name + "-admin-kubeconfig";
  }

  private static String uid(JsonObject tcp) {
    JsonElement uid = path(tcp, "metadata", "uid");
    return uid == null ? "" : uid.getAsString();
  }

  /** A Secret left over from an earlier TenantControlPlane of the same name is not this one's. */
  private static boolean ownedBy(Secret secret, String uid) {
    return secret.controllerUids().isEmpty() || secret.controllerUids().contains(uid);
  }

  private static JsonElement path(JsonObject object, String... fields) {
    JsonElement current = object;
    for (String f : fields) {
      if (current == null || !current.isJsonObject()) {
        return null;
      }
      current = current.getAsJsonObject().get(f);
    }
    return current;
  }

  private static RuntimeException notProvisioned(GenericStore store, String name, String why) {
    return Statuses.conflict(
        store.type().qualified(),
        name,
        "the tenant control plane is not provisioned yet: " + why + "; retry in a few seconds");
  }
}
