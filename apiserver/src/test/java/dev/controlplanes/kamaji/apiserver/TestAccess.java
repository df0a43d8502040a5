package dev.controlplanes.kamaji.apiserver;

import dev.controlplanes.kamaji.apiserver.authn.AuthenticationConfig;
import dev.controlplanes.kamaji.apiserver.authn.DelegatingAuthenticator;
import dev.controlplanes.kamaji.apiserver.authz.AuthorizerChain;
import dev.controlplanes.kamaji.apiserver.authz.PathAndGroupAuthorizer;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Test access to package-private wiring: the same classes production uses, stand-alone mode. */
public final class TestAccess {

  private TestAccess() {}

  /** Client certificates from {@code clientCa}; system:masters allowed, everyone else denied. */
  public static AccessControl standalone(List<X509Certificate> clientCa) {
    AuthenticationConfig config = new AuthenticationConfig(clientCa, Optional.empty());
    return new DelegatedAccessControl(
        DelegatingAuthenticator.create(() -> config, Optional.empty()),
        AuthorizerChain.of(PathAndGroupAuthorizer.defaults()));
  }

  public static Function<ApiRequest, ApiResponse> openApi(
      List<ResourceRegistration> resources, Clock clock) {
    return OpenApiEndpoint.create(resources, clock);
  }
}
