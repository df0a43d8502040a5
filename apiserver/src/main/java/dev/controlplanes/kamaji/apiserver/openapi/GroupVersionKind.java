package dev.controlplanes.kamaji.apiserver.openapi;

import java.util.Objects;

/**
 * A group, version and kind as written in {@code x-kubernetes-group-version-kind}; the core group
 * is the empty string.
 */
public record GroupVersionKind(String group, String version, String kind) {

  public GroupVersionKind {
    Objects.requireNonNull(group, "group");
    requireNonEmpty(version, "version");
    requireNonEmpty(kind, "kind");
  }

  /** {@code group/version}, or just the version for the core group. */
  public String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public GroupVersion toGroupVersion() {
    return new GroupVersion(group, version);
  }

  /** The same group and version with another kind, e.g. the list kind. */
  public GroupVersionKind withKind(String otherKind) {
    return new GroupVersionKind(group, version, otherKind);
  }

  static String requireNonEmpty(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return value;
  }
}
