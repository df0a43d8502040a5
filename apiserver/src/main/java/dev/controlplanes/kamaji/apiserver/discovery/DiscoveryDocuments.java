package dev.controlplanes.kamaji.apiserver.discovery;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.codec.Codec;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The discovery documents of one group version, built once: they never touch storage, so they
 * answer within kube-aggregator's 5 s budget even when etcd is down.
 */
public final class DiscoveryDocuments {

  public static final String AGGREGATED_V2 =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

  private static final List<String> MAIN_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

  /** The read-only subresource that returns a tenant's kubeconfig (a clientcmd v1 Config). */
  private static final String KUBECONFIG = "kubeconfig";

  private static List<String> verbsOf(String subresource) {
    return subresource.equals(KUBECONFIG) ? List.of("get") : SUBRESOURCE_VERBS;
  }

  private final byte[] groupList;
  private final byte[] group;
  private final byte[] resourceList;
  private final byte[] aggregated;
  private final String aggregatedEtag;

  public DiscoveryDocuments(String groupName, String version, List<ResourceType> types) {
    this.groupList = bytes(groupList(groupName, version));
    JsonObject groupDoc = groupEntry(groupName, version);
    groupDoc.addProperty("kind", "APIGroup");
    groupDoc.addProperty("apiVersion", "v1");
    this.group = bytes(groupDoc);
    this.resourceList = bytes(resourceList(groupName, version, types));
    this.aggregated = bytes(aggregated(groupName, version, types));
    this.aggregatedEtag =
        "\"" + HexFormat.of().withUpperCase().formatHex(sha512(aggregated)) + "\"";
  }

  public byte[] groupList() {
    return groupList;
  }

  public byte[] group() {
    return group;
  }

  public byte[] resourceList() {
    return resourceList;
  }

  public byte[] aggregated() {
    return aggregated;
  }

  public String aggregatedEtag() {
    return aggregatedEtag;
  }

  /** base64 of the first 8 bytes of SHA-256 of "group/version/Kind", as kube computes it. */
  public static String storageVersionHash(String group, String version, String kind) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((group + "/" + version + "/" + kind).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(digest, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject groupList(String groupName, String version) {
    JsonObject list = new JsonObject();
    list.addProperty("kind", "APIGroupList");
    list.addProperty("apiVersion", "v1");
    JsonArray groups = new JsonArray();
    groups.add(groupEntry(groupName, version));
    list.add("groups", groups);
    return list;
  }

  private static JsonObject groupEntry(String groupName, String version) {
    JsonObject entry = new JsonObject();
    entry.addProperty("name", groupName);
    JsonObject gv = new JsonObject();
    gv.addProperty("groupVersion", groupName + "/" + version);
    gv.addProperty("version", version);
    JsonArray versions = new JsonArray();
    versions.add(gv);
    entry.add("versions", versions);
    entry.add("preferredVersion", gv.deepCopy());
    return entry;
  }

  private static JsonObject resourceList(
      String groupName, String version, List<ResourceType> types) {
    JsonObject list = new JsonObject();
    list.addProperty("kind", "APIResourceList");
    list.addProperty("apiVersion", "v1");
    list.addProperty("groupVersion", groupName + "/" + version);
    JsonArray resources = new JsonArray();
    for (ResourceType t : types) {
      JsonObject r = new JsonObject();
      r.addProperty("name", t.plural());
      r.addProperty("singularName", t.singular());
      r.addProperty("namespaced", t.namespaced());
      r.addProperty("kind", t.kind());
      r.add("verbs", strings(MAIN_VERBS));
      if (!t.shortNames().isEmpty()) {
        r.add("shortNames", strings(t.shortNames()));
      }
      if (!t.categories().isEmpty()) {
        r.add("categories", strings(t.categories()));
      }
      r.addProperty("storageVersionHash", storageVersionHash(t.group(), t.version(), t.kind()));
      resources.add(r);
      for (String sub : t.subresources()) {
        JsonObject s = new JsonObject();
        s.addProperty("name", t.plural() + "/" + sub);
        s.addProperty("singularName", "");
        s.addProperty("namespaced", t.namespaced());
        if (sub.equals("scale")) {
          s.addProperty("group", "autoscaling");
          s.addProperty("version", "v1");
          s.addProperty("kind", "Scale");
        } else if (sub.equals(KUBECONFIG)) {
          s.addProperty("group", "");
          s.addProperty("version", "v1");
          s.addProperty("kind", "Config");
        } else {
          s.addProperty("kind", t.kind());
        }
        s.add("verbs", strings(verbsOf(sub)));
        resources.add(s);
      }
    }
    list.add("resources", resources);
    return list;
  }

  private static JsonObject aggregated(String groupName, String version, List<ResourceType> types) {
    JsonObject list = new JsonObject();
    list.addProperty("kind", "APIGroupDiscoveryList");
    list.addProperty("apiVersion", "apidiscovery.k8s.io/v2");
    list.add("metadata", new JsonObject());
    JsonArray items = new JsonArray();
    JsonObject groupDoc = new JsonObject();
    JsonObject meta = new JsonObject();
    meta.addProperty("name", groupName);
    meta.add("creationTimestamp", com.google.gson.JsonNull.INSTANCE);
    groupDoc.add("metadata", meta);
    JsonArray versions = new JsonArray();
    JsonObject v = new JsonObject();
    v.addProperty("version", version);
    JsonArray resources = new JsonArray();
    for (ResourceType t : types) {
      JsonObject r = new JsonObject();
      r.addProperty("resource", t.plural());
      r.add("responseKind", kind(t.group(), t.version(), t.kind()));
      r.addProperty("scope", t.namespaced() ? "Namespaced" : "Cluster");
      r.addProperty("singularResource", t.singular());
      r.add("verbs", strings(MAIN_VERBS));
      if (!t.shortNames().isEmpty()) {
        r.add("shortNames", strings(t.shortNames()));
      }
      if (!t.categories().isEmpty()) {
        r.add("categories", strings(t.categories()));
      }
      JsonArray subs = new JsonArray();
      for (String sub : t.subresources()) {
        JsonObject s = new JsonObject();
        s.addProperty("subresource", sub);
        s.add(
            "responseKind",
            sub.equals("scale")
                ? kind("autoscaling", "v1", "Scale")
                : sub.equals(KUBECONFIG)
                    ? kind("", "v1", "Config")
                    : kind(t.group(), t.version(), t.kind()));
        s.add("verbs", strings(verbsOf(sub)));
        subs.add(s);
      }
      if (subs.size() > 0) {
        r.add("subresources", subs);
      }
      resources.add(r);
    }
    v.add("resources", resources);
    v.addProperty("freshness", "Current");
    versions.add(v);
    groupDoc.add("versions", versions);
    items.add(groupDoc);
    list.add("items", items);
    return list;
  }

  private static JsonObject kind(String group, String version, String kind) {
    JsonObject k = new JsonObject();
    k.addProperty("group", group);
    k.addProperty("version", version);
    k.addProperty("kind", kind);
    return k;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }

  private static byte[] bytes(JsonObject document) {
    return Codec.toJsonBytes(document, false);
  }

  private static byte[] sha512(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-512").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
