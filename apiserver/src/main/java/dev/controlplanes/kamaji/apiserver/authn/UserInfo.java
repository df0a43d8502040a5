package dev.controlplanes.kamaji.apiserver.authn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An authenticated identity, as in k8s.io/apiserver's {@code user.Info}. Immutable; the order of
 * groups and of extra keys is kept as received, because it is forwarded verbatim in
 * SubjectAccessReviews.
 *
 * @param name user name, never null
 * @param uid user UID, empty when unknown
 * @param groups group names in order
 * @param extra extra attributes (e.g. {@code authentication.kubernetes.io/pod-name})
 */
public record UserInfo(
    String name, String uid, List<String> groups, Map<String, List<String>> extra) {

  /** Added to every authenticated user that lacks it. */
  public static final String ALL_AUTHENTICATED = "system:authenticated";

  /** The group of the anonymous user. */
  public static final String ALL_UNAUTHENTICATED = "system:unauthenticated";

  /** The user name of an unauthenticated request. */
  public static final String ANONYMOUS = "system:anonymous";

  /** Members are allowed everything without a SubjectAccessReview. */
  public static final String SYSTEM_MASTERS = "system:masters";

  private static final UserInfo ANONYMOUS_USER =
      new UserInfo(ANONYMOUS, "", List.of(ALL_UNAUTHENTICATED), Map.of());

  public UserInfo {
    Objects.requireNonNull(name, "name");
    uid = uid == null ? "" : uid;
    groups = List.copyOf(groups);
    extra = copyExtra(extra);
  }

  /** A user with a name and groups only. */
  public static UserInfo of(String name, String... groups) {
    return new UserInfo(name, "", List.of(groups), Map.of());
  }

  /**
   * The identity of a request no authenticator applied to. Our server does not fall back to it by
   * itself: the HTTP layer uses it only for paths that are always allowed (health checks).
   */
  public static UserInfo anonymous() {
    return ANONYMOUS_USER;
  }

  /** True for the anonymous identity. */
  public boolean isAnonymous() {
    return ANONYMOUS.equals(name);
  }

  /** The same user with one more group appended. */
  public UserInfo withGroup(String group) {
    List<String> more = new ArrayList<>(groups);
    more.add(group);
    return new UserInfo(name, uid, more, extra);
  }

  private static Map<String, List<String>> copyExtra(Map<String, List<String>> extra) {
    if (extra == null || extra.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    extra.forEach((key, values) -> copy.put(key, List.copyOf(values)));
    return Collections.unmodifiableMap(copy);
  }
}
