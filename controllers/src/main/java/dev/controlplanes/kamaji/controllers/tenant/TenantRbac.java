package dev.controlplanes.kamaji.controllers.tenant;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The objects kubeadm's init phases create inside a fresh cluster that a tenant needs from its
 * manager (Kamaji's soot controllers, reference §3.4): the cluster-admin binding of {@code
 * admin.conf}'s group, the API server's kubelet-client binding, the bootstrap-token phase's RBAC
 * (bootstrap tokens may get Nodes and post CSRs, which are approved automatically, as are the
 * nodes' certificate renewals), and the public {@code cluster-info} with its anonymous read access.
 * Like Kamaji, no bootstrap token is made: users create them with {@code kubeadm token create}.
 * Pure: values in, objects out, in the order they must be applied.
 */
public final class TenantRbac {

  /** kubeadm's group of {@code admin.conf} and the binding that gives it cluster-admin. */
  public static final String CLUSTER_ADMINS = "kubeadm:cluster-admins";

  /** The binding of the API server's kubelet client certificate's user. */
  public static final String APISERVER_KUBELET_CLIENT = "kubeadm:apiserver-kubelet-client";

  /** kubeadm's Role and RoleBinding for anonymous reads of {@code kube-public/cluster-info}. */
  public static final String CLUSTER_INFO_READER = "kubeadm:bootstrap-signer-clusterinfo";

  private static final String RBAC = "rbac.authorization.k8s.io";

  /** kubeadm's ClusterRole and binding that let bootstrap tokens get Nodes. */
  public static final String GET_NODES = "kubeadm:get-nodes";

  /** The group of kubeadm's default bootstrap tokens ({@code kubeadm token create}). */
  static final String BOOTSTRAPPERS = "system:bootstrappers:kubeadm:default-node-token";

  /**
   * One object and where it is applied (API path of its collection); {@code ownerPath}, when not
   * null, is the path of an object applied before it that becomes its controller owner.
   */
  public record TenantObject(
      String collectionPath, String name, JsonObject body, String ownerPath) {

    public TenantObject(String collectionPath, String name, JsonObject body) {
      this(collectionPath, name, body, null);
    }

    /** Path of the object itself. */
    public String path() {
      return collectionPath + "/" + name;
    }
  }

  private TenantRbac() {}

  /**
   * Everything to ensure, in order.
   *
   * @param server the API server URL published in {@code cluster-info} (the admin kubeconfig's)
   * @param caPem the tenant CA published in {@code cluster-info}
   */
  public static List<TenantObject> objects(String server, byte[] caPem) {
    String clusterRoleBindings = "/apis/" + RBAC + "/v1/clusterrolebindings";
    String publicNs = "/namespaces/kube-public";
    return List.of(
        new TenantObject(
            clusterRoleBindings,
            CLUSTER_ADMINS,
            clusterRoleBinding(CLUSTER_ADMINS, "cluster-admin", "Group", CLUSTER_ADMINS)),
        new TenantObject(
            clusterRoleBindings,
            APISERVER_KUBELET_CLIENT,
            clusterRoleBinding(
                APISERVER_KUBELET_CLIENT,
                "system:kubelet-api-admin",
                "User",
                "kube-apiserver-kubelet-client")),
        new TenantObject("/apis/" + RBAC + "/v1/clusterroles", GET_NODES, getNodesRole()),
        new TenantObject(
            clusterRoleBindings,
            GET_NODES,
            clusterRoleBinding(GET_NODES, GET_NODES, "Group", BOOTSTRAPPERS)),
        new TenantObject(
            clusterRoleBindings,
            "kubeadm:kubelet-bootstrap",
            clusterRoleBinding(
                "kubeadm:kubelet-bootstrap", "system:node-bootstrapper", "Group", BOOTSTRAPPERS)),
        new TenantObject(
            clusterRoleBindings,
            "kubeadm:node-autoapprove-bootstrap",
            clusterRoleBinding(
                "kubeadm:node-autoapprove-bootstrap",
                "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
                "Group",
                BOOTSTRAPPERS)),
        new TenantObject(
            clusterRoleBindings,
            "kubeadm:node-autoapprove-certificate-rotation",
            clusterRoleBinding(
                "kubeadm:node-autoapprove-certificate-rotation",
                "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
                "Group",
                "system:nodes")),
        new TenantObject(
            "/api/v1" + publicNs + "/configmaps", "cluster-info", clusterInfo(server, caPem)),
        new TenantObject(
            "/apis/" + RBAC + "/v1" + publicNs + "/roles",
            CLUSTER_INFO_READER,
            clusterInfoReader()),
        new TenantObject(
            "/apis/" + RBAC + "/v1" + publicNs + "/rolebindings",
            CLUSTER_INFO_READER,
            clusterInfoReaderBinding()));
  }

  static JsonObject clusterRoleBinding(
      String name, String clusterRole, String subjectKind, String subject) {
    JsonObject binding = typed(RBAC + "/v1", "ClusterRoleBinding", name, null);
    binding.add("roleRef", roleRef("ClusterRole", clusterRole));
    binding.add("subjects", subjects(subjectKind, subject));
    return binding;
  }

  /**
   * kubeadm's {@code cluster-info}: a kubeconfig with only a cluster (empty name), no users, so
   * that joining nodes can discover the server and the CA.
   */
  static JsonObject clusterInfo(String server, byte[] caPem) {
    String kubeconfig =
        "apiVersion: v1\n"
            + "clusters:\n"
            + "- cluster:\n"
            + "    certificate-authority-data: "
            + Base64.getEncoder().encodeToString(caPem)
            + "\n"
            + "    server: "
            + server
            + "\n"
            + "  name: \"\"\n"
            + "contexts: null\n"
            + "current-context: \"\"\n"
            + "kind: Config\n"
            + "preferences: {}\n"
            + "users: null\n";
    JsonObject configMap = typed("v1", "ConfigMap", "cluster-info", "kube-public");
    JsonObject data = new JsonObject();
    data.addProperty("kubeconfig", kubeconfig);
    configMap.add("data", data);
    return configMap;
  }

  static JsonObject getNodesRole() {
    JsonObject role = typed(RBAC + "/v1", "ClusterRole", GET_NODES, null);
    role.add("rules", rules(null, "nodes"));
    return role;
  }

  static JsonObject clusterInfoReader() {
    JsonObject role = typed(RBAC + "/v1", "Role", CLUSTER_INFO_READER, "kube-public");
    role.add("rules", rules("cluster-info", "configmaps"));
    return role;
  }

  /** One rule: get {@code resource} of the core group, only {@code resourceName} if not null. */
  private static JsonArray rules(String resourceName, String resource) {
    JsonObject rule = new JsonObject();
    rule.add("apiGroups", strings(""));
    rule.add("resources", strings(resource));
    if (resourceName != null) {
      rule.add("resourceNames", strings(resourceName));
    }
    rule.add("verbs", strings("get"));
    JsonArray rules = new JsonArray();
    rules.add(rule);
    return rules;
  }

  static JsonObject clusterInfoReaderBinding() {
    JsonObject binding = typed(RBAC + "/v1", "RoleBinding", CLUSTER_INFO_READER, "kube-public");
    binding.add("roleRef", roleRef("Role", CLUSTER_INFO_READER));
    binding.add("subjects", subjects("User", "system:anonymous"));
    return binding;
  }

  private static JsonObject typed(String apiVersion, String kind, String name, String namespace) {
    JsonObject object = new JsonObject();
    object.addProperty("apiVersion", apiVersion);
    object.addProperty("kind", kind);
    JsonObject metadata = new JsonObject();
    metadata.addProperty("name", name);
    if (namespace != null) {
      metadata.addProperty("namespace", namespace);
    }
    object.add("metadata", metadata);
    return object;
  }

  private static JsonObject roleRef(String kind, String name) {
    JsonObject ref = new JsonObject();
    ref.addProperty("apiGroup", RBAC);
    ref.addProperty("kind", kind);
    ref.addProperty("name", name);
    return ref;
  }

  private static JsonArray subjects(String kind, String name) {
    JsonObject subject = new JsonObject();
    subject.addProperty("kind", kind);
    if (!kind.equals("ServiceAccount")) {
      subject.addProperty("apiGroup", RBAC);
    }
    subject.addProperty("name", name);
    JsonArray subjects = new JsonArray();
    subjects.add(subject);
    return subjects;
  }

  private static JsonArray strings(String... values) {
    JsonArray array = new JsonArray();
    for (String v : values) {
      array.add(v);
    }
    return array;
  }

  /** UTF-8 bytes of an object, for request bodies. */
  static byte[] bytes(JsonObject object) {
    return object.toString().getBytes(StandardCharsets.UTF_8);
  }
}
