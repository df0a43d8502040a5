package dev.controlplanes.kamaji.apiserver.table;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.controlplanes.kamaji.apiserver.registry.Meta;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType.PrinterColumn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Server-side printing: turns objects into a {@code meta.k8s.io/v1 Table} with the resource's
 * printer columns, as kube-apiserver does for a CRD's additionalPrinterColumns.
 */
public final class TableConverter {

  /** includeObject: what each row carries besides its cells. */
  public enum Include {
    NONE,
    METADATA,
    OBJECT;

    public static Include parse(String value) {
      if (value == null || value.isEmpty() || value.equals("Metadata")) {
        return METADATA;
      }
      if (value.equals("None")) {
        return NONE;
      }
      if (value.equals("Object")) {
        return OBJECT;
      }
      throw dev.controlplanes.kamaji.apiserver.errors.Statuses.badRequest(
          "Unable to convert to Table as requested: includeObject: Invalid value: \""
              + value
              + "\": must be 'Metadata', 'Object', 'None', or empty");
    }
  }

  private final ResourceType type;
  private final Clock clock;

  public TableConverter(ResourceType type, Clock clock) {
    this.type = type;
    this.clock = clock;
  }

  /**
   * Builds a Table.
   *
   * @param withColumns false for watch events after the first, which omit columnDefinitions
   */
  public JsonObject convert(
      List<JsonObject> objects,
      String resourceVersion,
      String continueToken,
      Long remaining,
      Include include,
      boolean withColumns) {
    JsonObject table = new JsonObject();
    table.addProperty("kind", "Table");
    table.addProperty("apiVersion", "meta.k8s.io/v1");
    JsonObject meta = new JsonObject();
    if (resourceVersion != null) {
      meta.addProperty("resourceVersion", resourceVersion);
    }
    if (continueToken != null) {
      meta.addProperty("continue", continueToken);
    }
    if (remaining != null) {
      meta.addProperty("remainingItemCount", remaining);
    }
    table.add("metadata", meta);
    if (withColumns) {
      table.add("columnDefinitions", columnDefinitions());
    }
    JsonArray rows = new JsonArray();
    Instant now = clock.instant();
    for (JsonObject object : objects) {
      JsonObject row = new JsonObject();
      JsonArray cells = new JsonArray();
      for (PrinterColumn column : type.printerColumns()) {
        cells.add(cell(object, column, now));
      }
      row.add("cells", cells);
      switch (include) {
        case METADATA -> row.add("object", PartialObjects.partial(object));
        case OBJECT -> row.add("object", object);
        case NONE -> {}
      }
      rows.add(row);
    }
    table.add("rows", rows);
    return table;
  }

  private JsonArray columnDefinitions() {
    JsonArray columns = new JsonArray();
    for (PrinterColumn c : type.printerColumns()) {
      JsonObject column = new JsonObject();
      column.addProperty("name", c.name());
      column.addProperty("type", c.type());
      column.addProperty("format", c.format());
      column.addProperty("description", c.description());
      column.addProperty("priority", c.priority());
      columns.add(column);
    }
    return columns;
  }

  private static JsonElement cell(JsonObject object, PrinterColumn column, Instant now) {
    if (column.jsonPath() == null) {
      if (column.type().equals("date")) {
        return age(Meta.string(object, "creationTimestamp"), now);
      }
      return new JsonPrimitive(Meta.name(object));
    }
    JsonElement value = JsonPaths.read(object, column.jsonPath());
    if (value == null || value.isJsonNull()) {
      return JsonNull.INSTANCE;
    }
    if (column.type().equals("date") && value.isJsonPrimitive()) {
      return age(value.getAsString(), now);
    }
    if (column.type().equals("string") && !value.isJsonPrimitive()) {
      return new JsonPrimitive(value.toString());
    }
    return value;
  }

  private static JsonElement age(String timestamp, Instant now) {
    if (timestamp.isEmpty()) {
      return new JsonPrimitive("<unknown>");
    }
    try {
      return new JsonPrimitive(
          HumanDuration.format(Duration.between(Instant.parse(timestamp), now)));
    } catch (java.time.format.DateTimeParseException e) {
      return new JsonPrimitive("<invalid>");
    }
  }
}
