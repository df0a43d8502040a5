package dev.controlplanes.kamaji.apiserver.registry;

/**
 * Options of a create, update or patch.
 *
 * @param dryRun run every step but persist nothing
 * @param fieldManager the manager recorded in managedFields
 * @param fieldValidation Strict, Warn or Ignore
 * @param subresource "" for the main resource, or "status"
 * @param fieldsTracked true when managedFields were already computed (server-side apply)
 */
public record WriteOptions(
    boolean dryRun,
    String fieldManager,
    String fieldValidation,
    String subresource,
    boolean fieldsTracked) {

  public WriteOptions(
      boolean dryRun, String fieldManager, String fieldValidation, String subresource) {
    this(dryRun, fieldManager, fieldValidation, subresource, false);
  }

  /** The same options for a write whose managedFields the apply engine has computed. */
  public WriteOptions tracked() {
    return new WriteOptions(dryRun, fieldManager, fieldValidation, subresource, true);
  }

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
