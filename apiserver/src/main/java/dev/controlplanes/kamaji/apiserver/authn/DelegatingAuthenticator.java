package dev.controlplanes.kamaji.apiserver.authn;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The server's authenticator, assembled like k8s.io/apiserver's {@code
 * DelegatingAuthenticatorConfig.New()}: front-proxy request headers, then client certificates, then
 * bearer tokens ({@code Authorization}, then the WebSocket protocol), first success wins, and
 * {@code system:authenticated} added to the result.
 *
 * <p>Each request takes one configuration snapshot and is authenticated entirely against it. The
 * chain is rebuilt only when the snapshot changes; the token authenticator (and its cache) is
 * shared across snapshots.
 */
public final class DelegatingAuthenticator implements Authenticator {

  private record Built(AuthenticationConfig config, Authenticator authenticator) {}

  private final Supplier<AuthenticationConfig> config;
  private final Optional<TokenAuthenticator> tokens;
  private final Clock clock;
  private final AtomicReference<Built> built = new AtomicReference<>();

  private DelegatingAuthenticator(
      Supplier<AuthenticationConfig> config, Optional<TokenAuthenticator> tokens, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param config the snapshot source, e.g. a {@link ReloadingAuthenticationConfig} or {@code () ->
   *     fixedConfig}
   * @param tokens bearer-token checking (a {@link TokenReviewAuthenticator}); empty ignores tokens
   */
  public static DelegatingAuthenticator create(
      Supplier<AuthenticationConfig> config, Optional<TokenAuthenticator> tokens) {
    return new DelegatingAuthenticator(config, tokens, Clock.systemUTC());
  }

  /** As {@link #create(Supplier, Optional)} with the clock used for certificate validity. */
  public static DelegatingAuthenticator create(
      Supplier<AuthenticationConfig> config, Optional<TokenAuthenticator> tokens, Clock clock) {
    return new DelegatingAuthenticator(config, tokens, clock);
  }

  @Override
  public Optional<UserInfo> authenticate(AuthenticationRequest request)
      throws AuthenticationException {
    return current().authenticator().authenticate(request);
  }

  private Built current() {
    AuthenticationConfig snapshot = config.get();
    Built existing = built.get();
    // Identity, not equals: a new snapshot object is a reload, and rebuilding is cheap.
    if (existing != null && existing.config() == snapshot) {
      return existing;
    }
    Built fresh = new Built(snapshot, build(snapshot));
    built.set(fresh);
    return fresh;
  }

  private Authenticator build(AuthenticationConfig snapshot) {
    List<Authenticator> chain = new ArrayList<>();
    snapshot
        .requestHeader()
        .ifPresent(
            requestHeader -> chain.add(new RequestHeaderAuthenticator(requestHeader, clock)));
    if (!snapshot.clientCa().isEmpty()) {
      chain.add(new ClientCertificateAuthenticator(snapshot.clientCa(), clock));
    }
    tokens.ifPresent(
        tokenAuthenticator -> {
          chain.add(new BearerTokenAuthenticator(tokenAuthenticator));
          chain.add(new WebSocketProtocolAuthenticator(tokenAuthenticator));
        });
    return new AuthenticatedGroupAdder(AuthenticatorChain.of(chain));
  }
}
