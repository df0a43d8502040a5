package dev.controlplanes.kamaji.apiserver.negotiation;

import dev.controlplanes.kamaji.apiserver.errors.Statuses;

/**
 * Picks the first media range of Accept that the server can honour, skipping the ones it cannot
 * (protobuf, CBOR), as kube-apiserver does: kube-controller-manager offers protobuf first and must
 * get the JSON alternative, not a 406.
 */
public final class Negotiator {

  private static final String ACCEPTED = "application/json, application/yaml";

  private Negotiator() {}

  /**
   * @param list true when the request reads a collection (list or watch), which decides whether
   *     PartialObjectMetadata or PartialObjectMetadataList is the matching shape
   */
  public static Output negotiate(String acceptHeader, boolean list) {
    return negotiate(acceptHeader, list, true);
  }

  /**
   * For watch streams: event framing exists for JSON only (kube has no YAML stream serializer), so
   * YAML ranges are skipped like protobuf ones.
   */
  public static Output negotiateStream(String acceptHeader) {
    return negotiate(acceptHeader, false, false);
  }

  private static Output negotiate(String acceptHeader, boolean list, boolean yamlAllowed) {
    for (MediaType range : MediaType.parseAccept(acceptHeader)) {
      Boolean yaml = format(range);
      if (yaml == null || yaml && !yamlAllowed) {
        continue;
      }
      String as = range.param("as");
      if (as == null) {
        return new Output(Output.Shape.OBJECT, yaml);
      }
      if (!"meta.k8s.io".equals(range.param("g"))) {
        continue;
      }
      String version = range.param("v");
      if (!"v1".equals(version) && !"v1beta1".equals(version)) {
        continue;
      }
      switch (as) {
        case "Table":
          return new Output(Output.Shape.TABLE, yaml);
        case "PartialObjectMetadata":
          if (list) {
            throw Statuses.notAcceptable(
                ACCEPTED
                    + " (you requested PartialObjectMetadata, but the requested object is a list)");
          }
          return new Output(Output.Shape.PARTIAL_METADATA, yaml);
        case "PartialObjectMetadataList":
          if (!list) {
            throw Statuses.notAcceptable(
                ACCEPTED
                    + " (you requested PartialObjectMetadataList, but the requested object is not a list)");
          }
          return new Output(Output.Shape.PARTIAL_METADATA_LIST, yaml);
        default:
          continue;
      }
    }
    throw Statuses.notAcceptable(yamlAllowed ? ACCEPTED : "application/json");
  }

  /** True for YAML, false for JSON, null when the range matches neither. */
  private static Boolean format(MediaType range) {
    String essence = range.essence();
    if (essence.equals("application/json")
        || essence.equals("application/*")
        || essence.equals("*/*")) {
      return false;
    }
    if (essence.equals("application/yaml")) {
      return true;
    }
    return null;
  }
}
