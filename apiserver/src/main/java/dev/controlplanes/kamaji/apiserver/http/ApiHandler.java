package dev.controlplanes.kamaji.apiserver.http;

/** Serves one request. Runs on a worker thread, never on a Netty event loop. */
@FunctionalInterface
public interface ApiHandler {
  ApiResponse handle(ApiRequest request);
}
