package dev.controlplanes.kamaji.apiserver.openapi;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A subresource of a served resource ({@code .../{name}/<name>}): which verbs it serves and which
 * object its requests and responses carry.
 */
public record OpenApiSubresource(String name, Set<Verb> verbs, Payload payload) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*");

  /** The verbs a subresource can serve, as discovery names them. */
  public enum Verb {
    GET,
    UPDATE,
    PATCH
  }

  /** The object a subresource reads and writes. */
  public sealed interface Payload permits ParentObject, AutoscalingScale, CustomObject {}

  /** The parent object itself, as for {@code status}. */
  public record ParentObject() implements Payload {}

  /** An {@code autoscaling/v1} Scale, as for {@code scale}. */
  public record AutoscalingScale() implements Payload {}

  /** An object of another served kind, e.g. the kubeconfig of a control plane. */
  public record CustomObject(OpenApiKind kind) implements Payload {
    public CustomObject {
      Objects.requireNonNull(kind, "kind");
    }
  }

  public OpenApiSubresource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(verbs, "verbs");
    Objects.requireNonNull(payload, "payload");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "subresource name must be lower-case letters/digits: " + name);
    }
    if (verbs.isEmpty()) {
      throw new IllegalArgumentException("subresource " + name + " serves no verb");
    }
    verbs = Set.copyOf(EnumSet.copyOf(verbs));
  }

  /** {@code status}: get, update and patch of the whole parent object. */
  public static OpenApiSubresource status() {
    return new OpenApiSubresource("status", EnumSet.allOf(Verb.class), new ParentObject());
  }

  /** {@code scale}: get, update and patch of an {@code autoscaling/v1} Scale. */
  public static OpenApiSubresource scale() {
    return new OpenApiSubresource("scale", EnumSet.allOf(Verb.class), new AutoscalingScale());
  }

  /** A custom subresource serving objects of {@code kind}, e.g. a get-only {@code kubeconfig}. */
  public static OpenApiSubresource custom(String name, Set<Verb> verbs, OpenApiKind kind) {
    return new OpenApiSubresource(name, verbs, new CustomObject(kind));
  }
}
