package dev.controlplanes.kamaji.apiserver.handlers;

import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;

/** The autoscaling/v1 Scale subresource. */
final class ScaleHandler {

  ApiResponse handle(ApiRequest request, ResourceEndpoint endpoint, PatchHandler patches) {
    throw Statuses.notFoundPath();
  }
}
