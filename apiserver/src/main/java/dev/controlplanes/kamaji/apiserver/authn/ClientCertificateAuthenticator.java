package dev.controlplanes.kamaji.apiserver.authn;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Client certificates signed by the cluster client CA ({@code client-ca-file}): user = subject CN,
 * groups = subject O values (k8s.io/apiserver {@code x509.CommonNameUserConversion}).
 *
 * <p>No certificate: does not apply. A certificate that does not verify: error, so that a
 * certificate meant for another CA still lets a later authenticator (a bearer token) succeed in the
 * chain, but never yields anonymous access when nothing else applies. A verified certificate with
 * an empty CN: does not apply.
 */
public final class ClientCertificateAuthenticator implements Authenticator {

  private final ClientCertificateVerifier verifier;

  public ClientCertificateAuthenticator(List<X509Certificate> clientCa, Clock clock) {
    this.verifier = new ClientCertificateVerifier(clientCa, clock);
  }

  public ClientCertificateAuthenticator(List<X509Certificate> clientCa) {
    this(clientCa, Clock.systemUTC());
  }

  @Override
  public Optional<UserInfo> authenticate(AuthenticationRequest request)
      throws AuthenticationException {
    X509Certificate leaf = request.leafCertificate();
    if (leaf == null) {
      return Optional.empty();
    }
    ClientCertificateVerifier.VerifiedChain chain;
    try {
      chain = verifier.verify(request.peerCertificates());
    } catch (AuthenticationException e) {
      throw new AuthenticationException(
          "verifying certificate "
              + ClientCertificateVerifier.identifier(leaf)
              + " failed: "
              + e.getMessage());
    }
    if (chain.commonName().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new UserInfo(chain.commonName(), "", chain.organizations(), Map.of()));
  }
}
