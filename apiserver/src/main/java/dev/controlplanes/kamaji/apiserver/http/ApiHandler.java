package dev.controlplanes.kamaji.apiserver.http;

import java.util.Optional;

/** Serves one request. */
public interface ApiHandler {

  /** Serves the request on a worker thread, never on a Netty event loop: it may block. */
  ApiResponse handle(ApiRequest request);

  /**
   * Serves the request on the calling event loop if that takes no blocking call, saving the
   * hand-off to a worker thread; empty when it would block, and the request then goes to {@link
   * #handle}. Exceptions are answers, as from {@link #handle}.
   */
  default Optional<ApiResponse> handleWithoutBlocking(ApiRequest request) {
    return Optional.empty();
  }
}
