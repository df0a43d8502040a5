package dev.controlplanes.kamaji.apiserver.registry;

/**
 * Options of a create, update or patch.
 *
 * @param dryRun run every step but persist nothing
 * @param fieldManager the manager recorded in managedFields
 * @param fieldValidation Strict, Warn or Ignore
 * @param subresource "" for the main resource, or "status"
 */
public record WriteOptions(
    boolean dryRun, String fieldManager, String fieldValidation, String subresource) {

  public boolean strict() {
    return "Strict".equals(fieldValidation);
  }

  public boolean warn() {
    return "Warn".equals(fieldValidation);
  }

  public boolean status() {
    return "status".equals(subresource);
  }
}
