package dev.controlplanes.kamaji.apiserver.authn;

import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The front-proxy authenticator: trusts identity headers only on a connection whose client
 * certificate verifies against the requestheader CA with {@code clientAuth} usage and has an
 * allowed CN (k8s.io/apiserver {@code headerrequest.NewSecure}).
 *
 * <ul>
 *   <li>No client certificate: does not apply, and the identity headers are ignored.
 *   <li>Certificate fails verification or has a CN outside the allowed list: error (401), never a
 *       fallback to the headers.
 *   <li>Verified, but no user name header: does not apply.
 * </ul>
 *
 * <p>Header decoding: names match case-insensitively; the user name and UID are the first non-empty
 * value of the first configured header that has one; groups are all non-empty values of all lines;
 * an extra key is the header name after the prefix, lower-cased, then percent-decoded (kept as is
 * when malformed), and its values are all lines in order.
 */
public final class RequestHeaderAuthenticator implements Authenticator {

  private final RequestHeaderConfig config;
  private final ClientCertificateVerifier verifier;

  public RequestHeaderAuthenticator(RequestHeaderConfig config, Clock clock) {
    this.config = config;
    this.verifier = new ClientCertificateVerifier(config.clientCa(), clock);
  }

  public RequestHeaderAuthenticator(RequestHeaderConfig config) {
    this(config, Clock.systemUTC());
  }

  @Override
  public Optional<UserInfo> authenticate(AuthenticationRequest request)
      throws AuthenticationException {
    X509Certificate leaf = request.leafCertificate();
    if (leaf == null) {
      return Optional.empty();
    }
    verifyCommonName(verifier.verify(request.peerCertificates()).commonName());

    HttpHeaders headers = request.headers();
    String name = firstValue(headers, config.usernameHeaders());
    if (name.isEmpty()) {
      return Optional.empty();
    }
    UserInfo user =
        new UserInfo(
            name,
            firstValue(headers, config.uidHeaders()),
            allValues(headers, config.groupHeaders()),
            extra(headers, config.extraHeaderPrefixes()));
    config.removeIdentityHeaders(headers);
    return Optional.of(user);
  }

  private void verifyCommonName(String commonName) throws AuthenticationException {
    List<String> allowed = config.allowedNames();
    if (!allowed.isEmpty() && !allowed.contains(commonName)) {
      // Go's wording, with the list as older releases printed it: it is what operators grep for.
      throw new AuthenticationException(
          "x509: subject with cn="
              + commonName
              + " is not in the allowed list: ["
              + String.join(" ", allowed)
              + "]");
    }
  }

  private static String firstValue(HttpHeaders headers, List<String> names) {
    for (String name : names) {
      String value = headers.get(name);
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return "";
  }

  private static List<String> allValues(HttpHeaders headers, List<String> names) {
    List<String> values = new ArrayList<>();
    for (String name : names) {
      for (String value : headers.getAll(name)) {
        if (!value.isEmpty()) {
          values.add(value);
        }
      }
    }
    return values;
  }

  private static Map<String, List<String>> extra(HttpHeaders headers, List<String> prefixes) {
    Map<String, List<String>> extra = new LinkedHashMap<>();
    // Prefixes first, then header lines in arrival order, so values keep their order.
    for (String prefix : prefixes) {
      headers
          .iteratorAsString()
          .forEachRemaining(
              header -> {
                String name = header.getKey();
                if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
                  String key = unescapeExtraKey(name.substring(prefix.length()));
                  extra.computeIfAbsent(key, k -> new ArrayList<>()).add(header.getValue());
                }
              });
    }
    return extra;
  }

  static boolean hasPrefixIgnoreCase(String name, List<String> prefixes) {
    for (String prefix : prefixes) {
      if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Lower-cases, then decodes {@code %XX} escapes like Go's {@code url.PathUnescape} ({@code +}
   * stays {@code +}). A malformed escape or invalid UTF-8 keeps the lower-cased key, because Go
   * records extra keys even when they are not valid escapes.
   */
  static String unescapeExtraKey(String encodedKey) {
    String lower = encodedKey.toLowerCase(Locale.ROOT);
    if (lower.indexOf('%') < 0) {
      return lower;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(lower.length());
    int i = 0;
    while (i < lower.length()) {
      int c = lower.codePointAt(i);
      if (c != '%') {
        byte[] encoded = Character.toString(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i += Character.charCount(c);
        continue;
      }
      if (i + 2 >= lower.length()) {
        return lower;
      }
      int high = hexValue(lower.charAt(i + 1));
      int low = hexValue(lower.charAt(i + 2));
      if (high < 0 || low < 0) {
        return lower;
      }
      bytes.write(high << 4 | low);
      i += 3;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return lower;
    }
  }

  /** ASCII hex digits only, as in Go; {@link Character#digit} would accept other scripts. */
  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }
}
