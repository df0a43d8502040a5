package dev.controlplanes.kamaji.apiserver.registry;

/**
 * kube's NamespaceLifecycle admission for our namespaced kinds: kube-apiserver does not run
 * admission for aggregated resources, so without this check objects could be created in a namespace
 * that does not exist or is being deleted, where the namespace controller would never clean them
 * up.
 */
public interface NamespaceLifecycle {

  /** Throws 404 when {@code namespace} does not exist, 403 when it is terminating. */
  void checkCreate(String namespace, String resource, String group, String name);

  /** No management cluster to ask (stand-alone mode). */
  NamespaceLifecycle NONE = (namespace, resource, group, name) -> {};
}
