package dev.controlplanes.kamaji.apiserver;

import dev.controlplanes.kamaji.apiserver.authn.UserInfo;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;

/**
 * Authenticates and authorizes a request; throws the 401/403 Status when it may not proceed.
 * Anonymous requests never pass.
 */
public interface AccessControl {
  /** Returns the authenticated user, who may make this request. */
  UserInfo check(ApiRequest request);

  /**
   * Authorizes the user of an already checked request for another verb on the same resource, as
   * kube-apiserver does when a server-side apply patch turns out to create the object.
   */
  void checkVerb(ApiRequest request, String verb);
}
