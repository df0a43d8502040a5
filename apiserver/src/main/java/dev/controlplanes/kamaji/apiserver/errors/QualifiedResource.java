package dev.controlplanes.kamaji.apiserver.errors;

/** A resource plural and its group, printed as {@code tenantcontrolplanes.kamaji.clastix.io}. */
public record QualifiedResource(String resource, String group) {

  @Override
  public String toString() {
    return group == null || group.isEmpty() ? resource : resource + "." + group;
  }
}
