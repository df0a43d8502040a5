package dev.controlplanes.kamaji.api.validation;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.field.FieldError;
import dev.controlplanes.kamaji.api.field.FieldErrors;
import dev.controlplanes.kamaji.api.field.FieldPath;
import java.util.List;

/**
 * Kamaji's version webhook on {@code spec.kubernetes.version}. Patch levels are ignored: only the
 * major and minor numbers (and a pre-release tag) take part in comparisons.
 */
final class VersionRules {

  static final FieldPath VERSION = FieldPath.of("spec.kubernetes.version");

  private VersionRules() {}

  /** On create the version may not exceed the supported one. */
  static List<FieldError> validateCreate(JsonObject spec, ValidationContext ctx) {
    String text = Nodes.string(spec, "kubernetes", "version");
    if (text == null) {
      return List.of();
    }
    KubernetesVersion version;
    try {
      version = KubernetesVersion.parse(text).withoutPatch();
    } catch (IllegalArgumentException e) {
      return List.of(unparseable(text, e));
    }
    KubernetesVersion supported = supported(ctx);
    if (version.compareTo(supported) > 0) {
      return List.of(
          FieldErrors.invalid(
              VERSION,
              text,
              "unable to create a TenantControlPlane with a Kubernetes version greater than the"
                  + " supported one, actually "
                  + majorMinor(supported)));
    }
    return List.of();
  }

  /**
   * On update the version may not exceed the supported one, go down, or skip a minor version. The
   * check is skipped for an object being deleted, so a stuck object can always be cleaned up.
   */
  static List<FieldError> validateUpdate(
      JsonObject spec, JsonObject oldSpec, JsonObject metadata, ValidationContext ctx) {
    if (metadata != null && Nodes.present(metadata, "deletionTimestamp")) {
      return List.of();
    }
    String text = Nodes.string(spec, "kubernetes", "version");
    if (text == null) {
      return List.of();
    }
    KubernetesVersion next;
    try {
      next = KubernetesVersion.parse(text).withoutPatch();
    } catch (IllegalArgumentException e) {
      return List.of(unparseable(text, e));
    }
    KubernetesVersion supported = supported(ctx);
    if (next.compareTo(supported) > 0) {
      return List.of(
          FieldErrors.invalid(
              VERSION,
              text,
              "unable to upgrade to a version greater than the supported one ("
                  + majorMinor(supported)
                  + ")"));
    }
    KubernetesVersion previous = previous(oldSpec);
    if (previous == null) {
      return List.of();
    }
    if (next.compareTo(previous) < 0) {
      return List.of(
          FieldErrors.invalid(
              VERSION,
              text,
              "unable to downgrade a TenantControlPlane from " + previous + " to " + next));
    }
    // Unsigned, like Kamaji's uint64 subtraction: a minor going down with a major going up counts
    // as a jump.
    if (Long.compareUnsigned(next.minor() - previous.minor(), 1) > 0) {
      return List.of(
          FieldErrors.invalid(
              VERSION, text, "unable to upgrade to a minor version in a non-sequential mode"));
    }
    return List.of();
  }

  /** The stored version, or null when it cannot be read (then only the ceiling applies). */
  private static KubernetesVersion previous(JsonObject oldSpec) {
    String text = oldSpec == null ? null : Nodes.string(oldSpec, "kubernetes", "version");
    if (text == null) {
      return null;
    }
    try {
      return KubernetesVersion.parse(text).withoutPatch();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static KubernetesVersion supported(ValidationContext ctx) {
    return KubernetesVersion.parse(ctx.supportedVersion()).withoutPatch();
  }

  private static FieldError unparseable(String text, IllegalArgumentException e) {
    return FieldErrors.invalid(
        VERSION, text, "unable to parse the desired Kubernetes version: " + e.getMessage());
  }

  private static String majorMinor(KubernetesVersion v) {
    return "v" + v.major() + "." + v.minor();
  }
}
