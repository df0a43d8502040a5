package dev.controlplanes.kamaji.apiserver.openapi;

/** {@code If-None-Match} evaluation with the weak comparison HTTP prescribes for it. */
final class EntityTags {

  private EntityTags() {}

  /**
   * Whether {@code ifNoneMatch} (a comma-separated list, possibly several header values joined with
   * commas) names {@code etag} or is {@code *}.
   */
  static boolean noneMatchHits(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*")) {
        return true;
      }
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
