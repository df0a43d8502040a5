package dev.controlplanes.kamaji.apiserver;

import dev.controlplanes.kamaji.apiserver.http.ApiRequest;

/**
 * Authenticates and authorizes a request; throws the 401/403 Status when it may not proceed.
 * Anonymous requests never pass.
 */
public interface AccessControl {
  void check(ApiRequest request);
}
