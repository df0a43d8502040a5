package dev.controlplanes.kamaji.apiserver;

import dev.controlplanes.kamaji.apiserver.errors.StatusException;
import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import dev.controlplanes.kamaji.apiserver.registry.NamespaceLifecycle;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Namespace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks namespaces in the management cluster. Active namespaces are remembered briefly, because
 * creates come in bursts; a missing or terminating namespace is always asked again.
 */
final class ManagementClusterNamespaces implements NamespaceLifecycle {

  private static final Duration ACTIVE_TTL = Duration.ofSeconds(5);

  private final CoreV1Api api;
  private final Clock clock;
  private final Map<String, Instant> activeUntil = new ConcurrentHashMap<>();

  ManagementClusterNamespaces(ApiClient client, Clock clock) {
    this.api = new CoreV1Api(client);
    this.clock = clock;
  }

  @Override
  public void checkCreate(String namespace, String resource, String group, String name) {
    Instant until = activeUntil.get(namespace);
    if (until != null && until.isAfter(clock.instant())) {
      return;
    }
    V1Namespace found;
    try {
      found = api.readNamespace(namespace).execute();
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        throw new StatusException(
            404,
            "NotFound",
            "namespaces \"" + namespace + "\" not found",
            new StatusException.Details(namespace, null, "namespaces", null, List.of(), null));
      }
      throw Statuses.internal("the namespace " + namespace + " could not be checked");
    }
    if (found.getStatus() != null && "Terminating".equals(found.getStatus().getPhase())
        || found.getMetadata() != null && found.getMetadata().getDeletionTimestamp() != null) {
      throw new StatusException(
          403,
          "Forbidden",
          resource
              + "."
              + group
              + " \""
              + name
              + "\" is forbidden: unable to create new content"
              + " in namespace "
              + namespace
              + " because it is being terminated",
          new StatusException.Details(name, group, resource, null, List.of(), null));
    }
    activeUntil.put(namespace, clock.instant().plus(ACTIVE_TTL));
  }
}
