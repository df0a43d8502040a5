package dev.controlplanes.kamaji.apiserver.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parses method + path + query into a {@link RequestInfo} the way kube-apiserver does. */
public final class RequestInfoParser {

  private RequestInfoParser() {}

  public static RequestInfo parse(String method, String path, Map<String, List<String>> query) {
    String httpVerb = method.toLowerCase(Locale.ROOT);
    List<String> parts = split(path);
    if (parts.size() < 3 || !parts.get(0).equals("apis")) {
      return RequestInfo.nonResource(path, httpVerb);
    }
    String group = parts.get(1);
    String version = parts.get(2);
    List<String> rest = new ArrayList<>(parts.subList(3, parts.size()));
    if (rest.isEmpty()) {
      // discovery document of the group version
      return RequestInfo.nonResource(path, httpVerb);
    }
    boolean legacyWatch = false;
    if (rest.get(0).equals("watch")) {
      legacyWatch = true;
      rest.remove(0);
    }
    String namespace = "";
    if (rest.size() >= 2 && rest.get(0).equals("namespaces")) {
      namespace = rest.get(1);
      if (rest.size() == 2) {
        // /namespaces/{ns} itself is the namespaces resource, which we do not serve
        rest = List.of("namespaces", namespace);
        namespace = "";
      } else {
        rest = rest.subList(2, rest.size());
      }
    }
    String resource = rest.isEmpty() ? "" : rest.get(0);
    String name = rest.size() >= 2 ? rest.get(1) : "";
    String subresource = rest.size() >= 3 ? String.join("/", rest.subList(2, rest.size())) : "";
    String verb = verbFor(httpVerb, !name.isEmpty(), legacyWatch || isWatch(query));
    return new RequestInfo(
        true, path, verb, group, version, namespace, resource, subresource, name);
  }

  private static String verbFor(String httpVerb, boolean named, boolean watch) {
    return switch (httpVerb) {
      case "get", "head" -> watch ? "watch" : named ? "get" : "list";
      case "post" -> "create";
      case "put" -> "update";
      case "patch" -> "patch";
      case "delete" -> named ? "delete" : "deletecollection";
      default -> httpVerb;
    };
  }

  static boolean isWatch(Map<String, List<String>> query) {
    List<String> values = query.get("watch");
    if (values == null || values.isEmpty()) {
      return false;
    }
    String v = values.get(0);
    return v.equals("true") || v.equals("1");
  }

  private static List<String> split(String path) {
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (!p.isEmpty()) {
        parts.add(p);
      }
    }
    return parts;
  }
}
