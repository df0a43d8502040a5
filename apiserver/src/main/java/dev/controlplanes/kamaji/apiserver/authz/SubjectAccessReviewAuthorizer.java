package dev.controlplanes.kamaji.apiserver.authz;

import dev.controlplanes.kamaji.apiserver.authn.ExpiringCache;
import dev.controlplanes.kamaji.apiserver.authn.UserInfo;
import dev.controlplanes.kamaji.apiserver.threads.NonBlocking;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.apis.AuthorizationV1Api;
import io.kubernetes.client.openapi.models.V1NonResourceAttributes;
import io.kubernetes.client.openapi.models.V1ResourceAttributes;
import io.kubernetes.client.openapi.models.V1SubjectAccessReview;
import io.kubernetes.client.openapi.models.V1SubjectAccessReviewSpec;
import io.kubernetes.client.openapi.models.V1SubjectAccessReviewStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the management kube-apiserver with a SubjectAccessReview ({@code POST
 * /apis/authorization.k8s.io/v1/subjectaccessreviews}), like k8s.io/apiserver's webhook authorizer
 * in delegated mode: resource requests send {@code resourceAttributes}, others {@code
 * nonResourceAttributes}; user, UID, groups and extra are forwarded as authenticated.
 *
 * <p>{@code status.denied} is DENY, {@code status.allowed} is ALLOW, neither is NO_OPINION; both at
 * once is an error. Answers are cached by the JSON of the spec, allowed and denied for their own
 * TTL ({@code --authorization-webhook-cache-authorized-ttl} / {@code -unauthorized-ttl}, 10 s
 * each); failed calls are not cached, nor are requests whose client-controlled attributes are huge
 * (a cache-flooding guard from Go).
 *
 * <p>Calls block on the network: run them off the event loop. Inside {@link NonBlocking#attempt}
 * only cached answers are given; a review that would be needed throws instead.
 */
public final class SubjectAccessReviewAuthorizer implements Authorizer {

  public static final Duration DEFAULT_ALLOWED_TTL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_DENIED_TTL = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(SubjectAccessReviewAuthorizer.class);
  private static final int MAX_CACHE_ENTRIES = 8192;
  private static final int MAX_CACHED_ATTRIBUTES_SIZE = 10_000;

  private record Answer(boolean allowed, boolean denied, String reason) {}

  private final AuthorizationV1Api api;
  private final Duration allowedTtl;
  private final Duration deniedTtl;
  private final ExpiringCache<String, Answer> cache;

  public SubjectAccessReviewAuthorizer(
      ApiClient client, Duration allowedTtl, Duration deniedTtl, Clock clock) {
    this.api = new AuthorizationV1Api(Objects.requireNonNull(client, "client"));
    this.allowedTtl = Objects.requireNonNull(allowedTtl, "allowedTtl");
    this.deniedTtl = Objects.requireNonNull(deniedTtl, "deniedTtl");
    this.cache = new ExpiringCache<>(clock, MAX_CACHE_ENTRIES);
  }

  public SubjectAccessReviewAuthorizer(ApiClient client) {
    this(client, DEFAULT_ALLOWED_TTL, DEFAULT_DENIED_TTL, Clock.systemUTC());
  }

  @Override
  public Decision authorize(AuthorizationAttributes attributes) throws AuthorizationException {
    V1SubjectAccessReviewSpec spec = toSpec(attributes);
    String key = JSON.serialize(spec);
    Answer answer = cache.get(key).orElse(null);
    if (answer == null) {
      NonBlocking.checkMayBlock();
      answer = review(spec);
      if (shouldCache(attributes)) {
        cache.put(key, answer, answer.allowed() ? allowedTtl : deniedTtl);
      }
    }
    if (answer.allowed() && answer.denied()) {
      throw new AuthorizationException(
          "webhook subject access review returned both allow and deny response");
    }
    if (answer.denied()) {
      return Decision.deny(answer.reason());
    }
    if (answer.allowed()) {
      return Decision.allow(answer.reason());
    }
    return Decision.noOpinion(answer.reason());
  }

  static V1SubjectAccessReviewSpec toSpec(AuthorizationAttributes attributes) {
    UserInfo user = attributes.user();
    V1SubjectAccessReviewSpec spec =
        new V1SubjectAccessReviewSpec()
            .user(emptyToNull(user.name()))
            .uid(emptyToNull(user.uid()))
            .groups(user.groups().isEmpty() ? null : user.groups())
            // Sorted, so that equal requests give equal cache keys whatever the header order.
            .extra(user.extra().isEmpty() ? null : new TreeMap<>(user.extra()));
    if (attributes.resourceRequest()) {
      spec.resourceAttributes(
          new V1ResourceAttributes()
              .namespace(emptyToNull(attributes.namespace()))
              .verb(emptyToNull(attributes.verb()))
              .group(emptyToNull(attributes.apiGroup()))
              .version(emptyToNull(attributes.apiVersion()))
              .resource(emptyToNull(attributes.resource()))
              .subresource(emptyToNull(attributes.subresource()))
              .name(emptyToNull(attributes.name())));
    } else {
      spec.nonResourceAttributes(
          new V1NonResourceAttributes()
              .path(emptyToNull(attributes.path()))
              .verb(emptyToNull(attributes.verb())));
    }
    return spec;
  }

  private Answer review(V1SubjectAccessReviewSpec spec) throws AuthorizationException {
    V1SubjectAccessReview request =
        new V1SubjectAccessReview()
            .apiVersion("authorization.k8s.io/v1")
            .kind("SubjectAccessReview")
            .spec(spec);
    try {
      V1SubjectAccessReview response = api.createSubjectAccessReview(request).execute();
      V1SubjectAccessReviewStatus status = response == null ? null : response.getStatus();
      if (status == null) {
        return new Answer(false, false, "");
      }
      return new Answer(
          Boolean.TRUE.equals(status.getAllowed()),
          Boolean.TRUE.equals(status.getDenied()),
          status.getReason() == null ? "" : status.getReason());
    } catch (ApiException e) {
      String detail = e.getCode() == 0 ? String.valueOf(e.getCause()) : "HTTP " + e.getCode();
      LOG.warn("SubjectAccessReview request failed: {}", detail);
      throw new AuthorizationException("SubjectAccessReview request failed: " + detail, e);
    }
  }

  /** Go skips the cache when client-controlled attributes add up to 10000 characters or more. */
  private static boolean shouldCache(AuthorizationAttributes a) {
    long size =
        (long) a.namespace().length()
            + a.verb().length()
            + a.apiGroup().length()
            + a.apiVersion().length()
            + a.resource().length()
            + a.subresource().length()
            + a.name().length()
            + a.path().length();
    return size < MAX_CACHED_ATTRIBUTES_SIZE;
  }

  /** Go's {@code omitempty}: empty strings are not sent. */
  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
