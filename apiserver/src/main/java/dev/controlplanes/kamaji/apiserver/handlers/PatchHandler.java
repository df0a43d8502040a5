package dev.controlplanes.kamaji.apiserver.handlers;

import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;

/** PATCH: JSON patch, merge patch and server-side apply. */
public final class PatchHandler {

  static final String ACCEPTED =
      "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";

  ApiResponse patch(ApiRequest request, ResourceEndpoint endpoint) {
    throw Statuses.unsupportedMediaType(ACCEPTED);
  }
}
