package dev.controlplanes.kamaji.controllers.tenantcontrolplane;

import dev.controlplanes.kamaji.controllers.model.Labels;
import dev.controlplanes.kamaji.controllers.model.MigrationJob;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.openapi.models.V1Job;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a migration Job to the reconcile request of its TenantControlPlane. The Job runs in this
 * server's namespace, so no owner reference can name the TCP: its labels do, as in Kamaji.
 */
final class MigrationJobRequests {

  private MigrationJobRequests() {}

  static Optional<Request> of(V1Job job) {
    Map<String, String> labels =
        job == null || job.getMetadata() == null ? null : job.getMetadata().getLabels();
    if (labels == null || !MigrationJob.COMPONENT.equals(labels.get(Labels.COMPONENT))) {
      return Optional.empty();
    }
    String name = labels.get(MigrationJob.TCP_NAME_LABEL);
    String namespace = labels.get(MigrationJob.TCP_NAMESPACE_LABEL);
    if (name == null || namespace == null) {
      return Optional.empty();
    }
    return Optional.of(new Request(namespace, name));
  }
}
