package dev.controlplanes.kamaji.apiserver.apply;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One {@code metadata.managedFields} entry: the fields one manager owns through one kind of
 * operation on one subresource.
 *
 * <p>Entries are identified as kube identifies them ({@link #identifier()}): by manager, operation
 * and subresource, plus the API version for {@link Operation#UPDATE Update} entries only, so that
 * an applier keeps a single entry across versions. {@code time} is null when kube would omit it (an
 * apply that changed nothing by a new manager); it is kept at second precision.
 */
public record ManagedFieldsEntry(
    String manager,
    Operation operation,
    String apiVersion,
    Instant time,
    FieldSet fields,
    String subresource) {

  /** The operation that wrote the fields. */
  public enum Operation {
    APPLY("Apply"),
    UPDATE("Update");

    private final String wireName;

    Operation(String wireName) {
      this.wireName = wireName;
    }

    /** {@code Apply} or {@code Update}, as in the API. */
    public String wireName() {
      return wireName;
    }

    static Operation fromWire(String name) {
      for (Operation op : values()) {
        if (op.wireName.equals(name)) {
          return op;
        }
      }
      throw new IllegalArgumentException("operation must be `Apply` or `Update`");
    }
  }

  public ManagedFieldsEntry {
    manager = Objects.requireNonNullElse(manager, "");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(apiVersion, "apiVersion");
    time = time == null ? null : time.truncatedTo(ChronoUnit.SECONDS);
    fields = Objects.requireNonNullElse(fields, FieldSet.EMPTY);
    subresource = Objects.requireNonNullElse(subresource, "");
  }

  /** kube's manager identifier: the entry without time and fields (and version, for appliers). */
  public String identifier() {
    JsonObject id = new JsonObject();
    if (!manager.isEmpty()) {
      id.addProperty("manager", manager);
    }
    id.addProperty("operation", operation.wireName());
    if (operation == Operation.UPDATE && !apiVersion.isEmpty()) {
      id.addProperty("apiVersion", apiVersion);
    }
    if (!subresource.isEmpty()) {
      id.addProperty("subresource", subresource);
    }
    return GoJson.writeInFieldOrder(id);
  }

  /**
   * How kube names this manager in conflict messages: {@code "kubectl"}, {@code "x" with
   * subresource "status"}, {@code "x" using kamaji.clastix.io/v1alpha1}. kube never appends the
   * time: it prints the manager identifier, which has none.
   */
  public String describe() {
    String out = GoJson.quoteString(manager);
    if (!subresource.isEmpty()) {
      out += " with subresource " + GoJson.quoteString(subresource);
    }
    if (operation == Operation.UPDATE) {
      out += " using " + apiVersion;
    }
    return out;
  }

  public ManagedFieldsEntry withFields(FieldSet newFields) {
    return new ManagedFieldsEntry(manager, operation, apiVersion, time, newFields, subresource);
  }

  public ManagedFieldsEntry withTime(Instant newTime) {
    return new ManagedFieldsEntry(manager, operation, apiVersion, newTime, fields, subresource);
  }

  static ManagedFieldsEntry update(String manager, String apiVersion, String subresource) {
    return new ManagedFieldsEntry(
        manager.isEmpty() ? "unknown" : manager,
        Operation.UPDATE,
        apiVersion,
        null,
        FieldSet.EMPTY,
        subresource);
  }

  static ManagedFieldsEntry apply(String manager, String apiVersion, String subresource) {
    return new ManagedFieldsEntry(
        manager.isEmpty() ? "unknown" : manager,
        Operation.APPLY,
        apiVersion,
        null,
        FieldSet.EMPTY,
        subresource);
  }
}
