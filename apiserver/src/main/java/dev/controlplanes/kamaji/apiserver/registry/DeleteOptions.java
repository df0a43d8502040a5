package dev.controlplanes.kamaji.apiserver.registry;

/**
 * Validated delete options.
 *
 * @param preconditionUid required uid, or null
 * @param preconditionResourceVersion required resourceVersion, or null
 * @param propagationPolicy Foreground, Background, Orphan, or null
 */
public record DeleteOptions(
    String preconditionUid,
    String preconditionResourceVersion,
    String propagationPolicy,
    boolean dryRun) {

  public static final DeleteOptions DEFAULT = new DeleteOptions(null, null, null, false);
}
