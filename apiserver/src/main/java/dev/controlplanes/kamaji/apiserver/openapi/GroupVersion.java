package dev.controlplanes.kamaji.apiserver.openapi;

/** A served API group and version, e.g. {@code kamaji.clastix.io/v1alpha1}. */
public record GroupVersion(String group, String version) implements Comparable<GroupVersion> {

  public GroupVersion {
    GroupVersionKind.requireNonEmpty(group, "group");
    GroupVersionKind.requireNonEmpty(version, "version");
  }

  /** The key of this group version in the {@code /openapi/v3} index. */
  public String indexKey() {
    return "apis/" + group + "/" + version;
  }

  /** The path of this group version's OpenAPI v3 document. */
  public String documentPath() {
    return "/openapi/v3/" + indexKey();
  }

  GroupVersionKind withKind(String kind) {
    return new GroupVersionKind(group, version, kind);
  }

  @Override
  public int compareTo(GroupVersion other) {
    int byGroup = group.compareTo(other.group);
    return byGroup != 0 ? byGroup : version.compareTo(other.version);
  }

  @Override
  public String toString() {
    return group + "/" + version;
  }
}
