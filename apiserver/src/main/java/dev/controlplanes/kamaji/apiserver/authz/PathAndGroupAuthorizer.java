package dev.controlplanes.kamaji.apiserver.authz;

import dev.controlplanes.kamaji.apiserver.authn.UserInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The local short-circuits of delegated authorization, before any SubjectAccessReview:
 *
 * <ul>
 *   <li>always-allowed non-resource paths, for anyone (k8s.io/apiserver {@code path.NewAuthorizer}
 *       with its {@code /healthz}, {@code /livez}, {@code /readyz} defaults, plus their {@code
 *       /…/*} sub-checks); a pattern may end in {@code *} to match a prefix;
 *   <li>always-allowed groups ({@code system:masters}) for every request, so the aggregator's
 *       availability probe needs no round trip.
 * </ul>
 *
 * Anything else: no opinion.
 */
public final class PathAndGroupAuthorizer implements Authorizer {

  public static final List<String> DEFAULT_ALWAYS_ALLOW_PATHS =
      List.of("/healthz", "/healthz/*", "/livez", "/livez/*", "/readyz", "/readyz/*");

  public static final List<String> DEFAULT_ALWAYS_ALLOW_GROUPS = List.of(UserInfo.SYSTEM_MASTERS);

  private final Set<String> exactPaths;
  private final List<String> pathPrefixes;
  private final Set<String> groups;

  public PathAndGroupAuthorizer(List<String> alwaysAllowPaths, List<String> alwaysAllowGroups) {
    Set<String> exactPaths = new HashSet<>();
    List<String> pathPrefixes = new ArrayList<>();
    for (String pattern : alwaysAllowPaths) {
      // Compared without the leading slash, as in Go, so "/" and "" both mean the root.
      String p = pattern.startsWith("/") ? pattern.substring(1) : pattern;
      if (p.isEmpty()) {
        exactPaths.add(p);
        continue;
      }
      if (p.substring(0, p.length() - 1).contains("*")) {
        throw new IllegalArgumentException("only trailing * allowed in \"" + pattern + "\"");
      }
      if (p.endsWith("*")) {
        pathPrefixes.add(p.substring(0, p.length() - 1));
      } else {
        exactPaths.add(p);
      }
    }
    this.exactPaths = Set.copyOf(exactPaths);
    this.pathPrefixes = List.copyOf(pathPrefixes);
    this.groups = Set.copyOf(alwaysAllowGroups);
  }

  /** Health paths and {@code system:masters}. */
  public static PathAndGroupAuthorizer defaults() {
    return new PathAndGroupAuthorizer(DEFAULT_ALWAYS_ALLOW_PATHS, DEFAULT_ALWAYS_ALLOW_GROUPS);
  }

  /**
   * True when {@code path} is allowed for anyone. The HTTP layer uses it to admit requests that no
   * authenticator applied to as {@code system:anonymous}, on these paths only.
   */
  public boolean isAlwaysAllowedPath(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (exactPaths.contains(p)) {
      return true;
    }
    for (String prefix : pathPrefixes) {
      if (p.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Decision authorize(AuthorizationAttributes attributes) {
    if (!attributes.resourceRequest() && isAlwaysAllowedPath(attributes.path())) {
      return Decision.allow("");
    }
    for (String group : attributes.user().groups()) {
      if (groups.contains(group)) {
        return Decision.allow("");
      }
    }
    return Decision.noOpinion("");
  }
}
