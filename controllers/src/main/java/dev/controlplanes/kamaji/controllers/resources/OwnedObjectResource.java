package dev.controlplanes.kamaji.controllers.resources;

import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.kube.Applied;
import dev.controlplanes.kamaji.controllers.kube.ObjectClient;
import dev.controlplanes.kamaji.controllers.kube.WriteResult;
import io.kubernetes.client.common.KubernetesObject;

/**
 * A resource that is one owned object in the management cluster: the desired object comes from a
 * pure builder, the write goes through the checksum-driven writer, and {@link #applied} holds what
 * the API server returned for the status step.
 */
public abstract class OwnedObjectResource<T extends KubernetesObject>
    implements ManagedResource<TenantControlPlane> {

  protected final TenantContext context;
  private final ObjectClient<T> client;
  private final Class<T> type;
  protected Applied<T> applied;

  protected OwnedObjectResource(TenantContext context, ObjectClient<T> client, Class<T> type) {
    this.context = context;
    this.client = client;
    this.type = type;
  }

  /** The desired object, with ownerReferences to the TenantControlPlane. */
  protected abstract T desired(TenantControlPlane tcp);

  @Override
  public WriteResult createOrUpdate(TenantControlPlane tcp) {
    applied = context.writer().createOrUpdate(client, desired(tcp), type);
    return applied.result();
  }

  /** Deletes the object named like the desired one (for resources that can be turned off). */
  protected WriteResult delete(String namespace, String name) {
    return context.writer().delete(client, namespace, name);
  }
}
