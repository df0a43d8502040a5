package dev.controlplanes.kamaji.apiserver.openapi;

import java.util.List;

/** The media types the documents declare for request and response bodies. */
final class MediaTypes {

  static final String JSON = "application/json";

  /** Objects in and out: JSON, plus YAML as kube serves for custom resources. */
  static final List<String> OBJECT_TYPES = List.of(JSON, "application/yaml");

  /** List and watch responses may also be a stream of watch events. */
  static final List<String> STREAMING_TYPES =
      List.of(JSON, "application/yaml", "application/json;stream=watch");

  /**
   * Patch bodies: JSON patch, merge patch and apply. Strategic merge patch is deliberately absent:
   * kubectl computes one whenever it is listed, and the server answers it with 415.
   */
  static final List<String> PATCH_TYPES =
      List.of(
          "application/json-patch+json",
          "application/merge-patch+json",
          "application/apply-patch+yaml");

  private MediaTypes() {}
}
