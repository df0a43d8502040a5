package dev.controlplanes.kamaji.apiserver.authn;

import dev.controlplanes.kamaji.apiserver.threads.NonBlocking;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AuthenticationV1Api;
import io.kubernetes.client.openapi.models.V1TokenReview;
import io.kubernetes.client.openapi.models.V1TokenReviewSpec;
import io.kubernetes.client.openapi.models.V1TokenReviewStatus;
import io.kubernetes.client.openapi.models.V1UserInfo;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delegates bearer tokens to the management kube-apiserver with a TokenReview ({@code POST
 * /apis/authentication.k8s.io/v1/tokenreviews}), as k8s.io/apiserver's delegated token webhook
 * does. {@code spec.audiences} is not sent: this server configures no API audiences.
 *
 * <p>Valid and invalid answers are cached for the TTL ({@code
 * --authentication-token-webhook-cache-ttl}, 10 s by default); failed calls and reviews that carry
 * {@code status.error} are not cached. Cache keys are an HMAC of the token under a per-instance
 * random key, so neither the cache nor a heap dump holds a usable token. Tokens are never logged.
 *
 * <p>Calls block on the network: run them off the event loop. The {@link ApiClient}'s timeouts
 * bound them (the Go library uses 10 s). Inside {@link NonBlocking#attempt} only cached answers are
 * given; a review that would be needed throws instead.
 */
public final class TokenReviewAuthenticator implements TokenAuthenticator {

  public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(TokenReviewAuthenticator.class);
  private static final int MAX_CACHE_ENTRIES = 4096;

  /** A cached review: the user, or null for "not authenticated". */
  private record Review(UserInfo user) {}

  private final AuthenticationV1Api api;
  private final Duration cacheTtl;
  private final ExpiringCache<String, Review> cache;
  private final SecretKeySpec hashKey;

  public TokenReviewAuthenticator(ApiClient client, Duration cacheTtl, Clock clock) {
    this.api = new AuthenticationV1Api(Objects.requireNonNull(client, "client"));
    this.cacheTtl = Objects.requireNonNull(cacheTtl, "cacheTtl");
    this.cache = new ExpiringCache<>(clock, MAX_CACHE_ENTRIES);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.hashKey = new SecretKeySpec(key, "HmacSHA256");
  }

  public TokenReviewAuthenticator(ApiClient client) {
    this(client, DEFAULT_CACHE_TTL, Clock.systemUTC());
  }

  @Override
  public Optional<UserInfo> authenticateToken(String token) throws AuthenticationException {
    String key = hash(token);
    Optional<Review> cached = cache.get(key);
    if (cached.isPresent()) {
      return Optional.ofNullable(cached.get().user());
    }
    NonBlocking.checkMayBlock();
    V1TokenReviewStatus status = review(token);
    if (status == null || !Boolean.TRUE.equals(status.getAuthenticated())) {
      if (status != null && status.getError() != null && !status.getError().isEmpty()) {
        throw new AuthenticationException(status.getError());
      }
      cache.put(key, new Review(null), cacheTtl);
      return Optional.empty();
    }
    UserInfo user = toUserInfo(status.getUser());
    cache.put(key, new Review(user), cacheTtl);
    return Optional.of(user);
  }

  private V1TokenReviewStatus review(String token) throws AuthenticationException {
    V1TokenReview request =
        new V1TokenReview()
            .apiVersion("authentication.k8s.io/v1")
            .kind("TokenReview")
            // client-java starts with an empty list, which would be sent as "audiences":[].
            .spec(new V1TokenReviewSpec().token(token).audiences(null));
    try {
      V1TokenReview response = api.createTokenReview(request).execute();
      return response == null ? null : response.getStatus();
    } catch (ApiException e) {
      String detail = e.getCode() == 0 ? String.valueOf(e.getCause()) : "HTTP " + e.getCode();
      LOG.warn("TokenReview request failed: {}", detail);
      // An error Status or an I/O failure: neither contains the token, so the cause may travel.
      throw new AuthenticationException("TokenReview request failed: " + detail, e);
    } catch (RuntimeException e) {
      // client-java's decoding errors quote the whole response body, and kube-apiserver echoes
      // spec.token in it: keep only the exception type.
      LOG.warn("TokenReview response could not be decoded: {}", e.getClass().getName());
      throw new AuthenticationException("TokenReview response could not be decoded");
    }
  }

  private static UserInfo toUserInfo(V1UserInfo user) {
    if (user == null) {
      return new UserInfo("", "", List.of(), Map.of());
    }
    return new UserInfo(
        user.getUsername() == null ? "" : user.getUsername(),
        user.getUid(),
        user.getGroups() == null ? List.of() : user.getGroups(),
        user.getExtra() == null ? Map.of() : user.getExtra());
  }

  private String hash(String token) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(hashKey);
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
