package dev.controlplanes.kamaji.apiserver.openapi;

/**
 * Operation ids and tags in kube's style: the verb, then the group (without {@code .k8s.io}) and
 * version camel-cased, then the rest ({@code
 * listKamajiClastixIoV1alpha1NamespacedTenantControlPlane}); the tag is {@code
 * kamajiClastixIo_v1alpha1}.
 */
final class OperationIds {

  private OperationIds() {}

  static String groupVersionPart(GroupVersionKind gvk) {
    return camelCase(trimmedGroup(gvk), true) + camelCase(gvk.version(), true);
  }

  static String tag(GroupVersionKind gvk) {
    return camelCase(trimmedGroup(gvk), false) + "_" + camelCase(gvk.version(), false);
  }

  /** Letters, digits (not leading) and underscores are kept; anything else starts a new word. */
  static String camelCase(String text, boolean capitalizeFirst) {
    StringBuilder out = new StringBuilder(text.length());
    boolean capitalize = capitalizeFirst;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c) || c == '_' || (i > 0 && Character.isDigit(c))) {
        out.append(capitalize ? Character.toUpperCase(c) : c);
        capitalize = false;
      } else {
        capitalize = true;
      }
    }
    return out.toString();
  }

  private static String trimmedGroup(GroupVersionKind gvk) {
    String group = gvk.group().isEmpty() ? "core" : gvk.group();
    return group.endsWith(".k8s.io") ? group.substring(0, group.length() - 7) : group;
  }
}
