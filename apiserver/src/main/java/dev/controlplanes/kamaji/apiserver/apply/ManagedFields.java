package dev.controlplanes.kamaji.apiserver.apply;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code metadata.managedFields}:
 *
 * <pre>{@code
 * {"manager":"kubectl","operation":"Apply","apiVersion":"kamaji.clastix.io/v1alpha1",
 *  "time":"2026-07-01T10:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{...}},
 *  "subresource":"status"}
 * }</pre>
 *
 * Validation and ordering follow kube: operation {@code Apply} or {@code Update}, a non-empty
 * {@code apiVersion}, {@code fieldsType: FieldsV1}; entries written sorted by operation, time,
 * manager, apiVersion and subresource; {@code time} at second precision.
 */
public final class ManagedFields {

  static final String FIELDS_TYPE = "FieldsV1";

  private ManagedFields() {}

  /** The entries of {@code object}; empty when it has none. */
  public static List<ManagedFieldsEntry> read(JsonObject object) {
    return decode(raw(object));
  }

  /**
   * Decodes a managedFields list.
   *
   * @throws IllegalArgumentException with kube's message when an entry is invalid
   */
  public static List<ManagedFieldsEntry> decode(JsonElement managedFields) {
    List<ManagedFieldsEntry> entries = new ArrayList<>();
    if (managedFields == null || managedFields.isJsonNull()) {
      return entries;
    }
    if (!managedFields.isJsonArray()) {
      throw new IllegalArgumentException("managedFields must be a list");
    }
    JsonArray array = managedFields.getAsJsonArray();
    for (int i = 0; i < array.size(); i++) {
      entries.add(decodeEntry(array.get(i), i));
    }
    return entries;
  }

  /** Encodes entries in kube's order. */
  public static JsonArray encode(List<ManagedFieldsEntry> entries) {
    List<ManagedFieldsEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Managers.ENCODING_ORDER);
    JsonArray out = new JsonArray();
    sorted.forEach(e -> out.add(encodeEntry(e)));
    return out;
  }

  /** A copy of {@code object} carrying {@code entries}; without the key when there are none. */
  public static JsonObject write(JsonObject object, List<ManagedFieldsEntry> entries) {
    JsonObject copy = object.deepCopy();
    set(copy, entries);
    return copy;
  }

  /** RFC 3339 at second precision in UTC, as metav1.Time: {@code 2026-07-01T10:00:00Z}. */
  public static String formatTime(Instant time) {
    return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS));
  }

  /** The raw {@code metadata.managedFields} value, or null. */
  static JsonElement raw(JsonObject object) {
    JsonElement metadata = object == null ? null : object.get("metadata");
    return metadata != null && metadata.isJsonObject()
        ? metadata.getAsJsonObject().get("managedFields")
        : null;
  }

  /** Sets (or, when empty, removes) the list on an object the caller owns. */
  static void set(JsonObject object, List<ManagedFieldsEntry> entries) {
    if (entries.isEmpty()) {
      remove(object);
      return;
    }
    metadata(object).add("managedFields", encode(entries));
  }

  /** Puts a raw list back unchanged (null removes it). */
  static void setRaw(JsonObject object, JsonElement managedFields) {
    if (managedFields == null) {
      remove(object);
      return;
    }
    metadata(object).add("managedFields", managedFields.deepCopy());
  }

  private static JsonObject metadata(JsonObject object) {
    JsonElement metadata = object.get("metadata");
    if (metadata == null || !metadata.isJsonObject()) {
      metadata = new JsonObject();
      object.add("metadata", metadata);
    }
    return metadata.getAsJsonObject();
  }

  static void remove(JsonObject object) {
    JsonElement metadata = object.get("metadata");
    if (metadata != null && metadata.isJsonObject()) {
      metadata.getAsJsonObject().remove("managedFields");
    }
  }

  /** kube's reset request: an empty list, or a list holding one empty entry. */
  static boolean isReset(JsonElement managedFields) {
    if (managedFields == null || !managedFields.isJsonArray()) {
      return false;
    }
    JsonArray array = managedFields.getAsJsonArray();
    if (array.isEmpty()) {
      return true;
    }
    if (array.size() != 1 || !array.get(0).isJsonObject()) {
      return false;
    }
    for (Map.Entry<String, JsonElement> e : array.get(0).getAsJsonObject().entrySet()) {
      JsonElement v = e.getValue();
      boolean empty =
          v.isJsonNull()
              || (v instanceof JsonPrimitive p && p.isString() && p.getAsString().isEmpty());
      if (!empty) {
        return false;
      }
    }
    return true;
  }

  private static ManagedFieldsEntry decodeEntry(JsonElement element, int index) {
    if (!element.isJsonObject()) {
      throw new IllegalArgumentException("managed fields entry " + index + " is not an object");
    }
    JsonObject entry = element.getAsJsonObject();
    ManagedFieldsEntry.Operation operation =
        ManagedFieldsEntry.Operation.fromWire(string(entry, "operation"));
    String apiVersion = string(entry, "apiVersion");
    if (apiVersion.isEmpty()) {
      throw new IllegalArgumentException("apiVersion must not be empty");
    }
    String fieldsType = string(entry, "fieldsType");
    if (fieldsType.isEmpty()) {
      throw new IllegalArgumentException("missing fieldsType in managed fields entry " + index);
    }
    if (!FIELDS_TYPE.equals(fieldsType)) {
      throw new IllegalArgumentException(
          "invalid fieldsType \"" + fieldsType + "\" in managed fields entry " + index);
    }
    return new ManagedFieldsEntry(
        string(entry, "manager"),
        operation,
        apiVersion,
        time(entry.get("time")),
        FieldSet.fromFieldsV1(entry.get("fieldsV1")),
        string(entry, "subresource"));
  }

  private static JsonObject encodeEntry(ManagedFieldsEntry e) {
    JsonObject out = new JsonObject();
    if (!e.manager().isEmpty()) {
      out.addProperty("manager", e.manager());
    }
    out.addProperty("operation", e.operation().wireName());
    out.addProperty("apiVersion", e.apiVersion());
    if (e.time() != null) {
      out.addProperty("time", formatTime(e.time()));
    }
    out.addProperty("fieldsType", FIELDS_TYPE);
    out.add("fieldsV1", e.fields().toFieldsV1());
    if (!e.subresource().isEmpty()) {
      out.addProperty("subresource", e.subresource());
    }
    return out;
  }

  private static String string(JsonObject entry, String key) {
    JsonElement v = entry.get(key);
    if (v == null || v.isJsonNull()) {
      return "";
    }
    if (v instanceof JsonPrimitive p && p.isString()) {
      return p.getAsString();
    }
    throw new IllegalArgumentException("managedFields " + key + " must be a string");
  }

  private static Instant time(JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return null;
    }
    try {
      String text = value.getAsString();
      Instant utc = utcSeconds(text);
      return utc != null ? utc : OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException | UnsupportedOperationException | IllegalStateException e) {
      throw new IllegalArgumentException("invalid managedFields time " + value, e);
    }
  }

  /**
   * The shape kube and this server write, {@code 2026-07-01T10:00:00Z}, read without a formatter:
   * every update decodes every entry's time, and {@link OffsetDateTime#parse} cost 5% of the
   * server's CPU per update. Null for any other shape, which the formatter then reads.
   */
  private static Instant utcSeconds(String text) {
    if (text.length() != 20
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(19) != 'Z') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
  }

  /** The decimal number in {@code text[from, to)}, or -1 when a character is not a digit. */
  private static int digits(String text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
