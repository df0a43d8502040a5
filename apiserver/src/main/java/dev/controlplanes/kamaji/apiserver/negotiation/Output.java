package dev.controlplanes.kamaji.apiserver.negotiation;

/**
 * What a read answers with, as negotiated from Accept.
 *
 * @param shape the full object, a Table, or PartialObjectMetadata
 * @param yaml YAML instead of JSON
 */
public record Output(Shape shape, boolean yaml) {

  public enum Shape {
    OBJECT,
    TABLE,
    PARTIAL_METADATA,
    PARTIAL_METADATA_LIST
  }

  public static final Output JSON = new Output(Shape.OBJECT, false);

  public String contentType() {
    return yaml ? "application/yaml" : "application/json";
  }
}
