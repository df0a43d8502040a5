package dev.controlplanes.kamaji.controllers.kube;

/** What a create-or-update did, as controller-runtime's OperationResult. */
public enum WriteResult {
  CREATED,
  UPDATED,
  UNCHANGED,
  DELETED;

  public boolean changed() {
    return this != UNCHANGED;
  }
}
