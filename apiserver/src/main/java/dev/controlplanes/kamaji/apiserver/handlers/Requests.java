package dev.controlplanes.kamaji.apiserver.handlers;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.controlplanes.kamaji.apiserver.codec.Codec;
import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.negotiation.MediaType;
import dev.controlplanes.kamaji.apiserver.registry.FieldSelector;
import dev.controlplanes.kamaji.apiserver.registry.LabelSelector;
import dev.controlplanes.kamaji.apiserver.registry.ListQuery;
import dev.controlplanes.kamaji.apiserver.registry.RequestedVersion;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;
import dev.controlplanes.kamaji.apiserver.registry.WriteOptions;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.YAMLException;

/** Decoding and validation of request bodies and query parameters, shared by the handlers. */
final class Requests {

  private Requests() {}

  /** Decodes a create/update body and checks it is this resource's kind. */
  static JsonObject decodeObject(ApiRequest request, ResourceType type) {
    String contentType = request.header("Content-Type");
    String essence =
        contentType == null ? "application/json" : MediaType.parse(contentType).essence();
    JsonElement parsed;
    try {
      parsed =
          switch (essence) {
            case "application/json" -> Codec.parseJson(request.body());
            case "application/yaml" -> Codec.parseYaml(request.body());
            default -> throw Statuses.unsupportedMediaType("application/json, application/yaml");
          };
    } catch (JsonParseException | YAMLException | IllegalStateException e) {
      throw Statuses.badRequest(
          "the body of the request could not be decoded as " + essence + ": " + firstLine(e));
    }
    if (!parsed.isJsonObject()) {
      throw Statuses.badRequest("the body of the request must be a JSON object");
    }
    JsonObject object = parsed.getAsJsonObject();
    checkKind(object, type);
    return object;
  }

  /**
   * fieldValidation for duplicate fields in a JSON body, which the parser resolves to the last
   * value: a 400 under Strict, one warning per field under Warn (kube's strict decoding errors).
   */
  static List<String> duplicateFieldWarnings(
      ApiRequest request, ResourceType type, WriteOptions options) {
    String contentType = request.header("Content-Type");
    if ("Ignore".equals(options.fieldValidation())
        || contentType != null
            && !MediaType.parse(contentType).essence().equals("application/json")) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    for (String field : Codec.duplicateFields(request.body())) {
      problems.add("duplicate field \"" + field + "\"");
    }
    if (!problems.isEmpty() && options.strict()) {
      throw Statuses.badRequest(
          type.kind()
              + " in version \""
              + type.version()
              + "\" cannot be handled as a "
              + type.kind()
              + ": strict decoding error: "
              + String.join(", ", problems));
    }
    return problems;
  }

  static void checkKind(JsonObject object, ResourceType type) {
    String apiVersion = stringField(object, "apiVersion");
    String kind = stringField(object, "kind");
    if (kind.isEmpty()) {
      throw Statuses.badRequest("Object 'Kind' is missing in the request body");
    }
    if (apiVersion.isEmpty()) {
      throw Statuses.badRequest("Object 'apiVersion' is missing in the request body");
    }
    if (!apiVersion.equals(type.apiVersion())) {
      throw Statuses.badRequest(
          "the API version in the data ("
              + apiVersion
              + ") does not match the expected API version ("
              + type.apiVersion()
              + ")");
    }
    if (!kind.equals(type.kind())) {
      throw Statuses.badRequest(
          "the kind in the data ("
              + kind
              + ") does not match the expected kind ("
              + type.kind()
              + ")");
    }
  }

  /** Checks the body's namespace against the URL and fills it in when absent. */
  static void checkNamespace(JsonObject object, ResourceType type, String namespace) {
    if (!type.namespaced()) {
      return;
    }
    JsonObject meta =
        object.has("metadata") && object.get("metadata").isJsonObject()
            ? object.getAsJsonObject("metadata")
            : null;
    String bodyNamespace = meta == null ? "" : stringField(meta, "namespace");
    if (!bodyNamespace.isEmpty() && !bodyNamespace.equals(namespace)) {
      throw Statuses.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request");
    }
  }

  static String stringField(JsonObject object, String field) {
    JsonElement e = object.get(field);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
  }

  /** dryRun, fieldManager and fieldValidation, validated as kube does (422 on bad values). */
  static WriteOptions writeOptions(ApiRequest request, String optionsKind, String subresource) {
    List<String> dryRun = request.query().getOrDefault("dryRun", List.of());
    for (String value : dryRun) {
      if (!value.equals("All")) {
        throw Statuses.invalidOption(
            optionsKind,
            "FieldValueNotSupported",
            "Unsupported value: [\"" + value + "\"]: supported values: \"All\"",
            "dryRun");
      }
    }
    String fieldValidation = request.param("fieldValidation");
    if (fieldValidation == null || fieldValidation.isEmpty()) {
      fieldValidation = "Warn";
    }
    if (!List.of("Strict", "Warn", "Ignore").contains(fieldValidation)) {
      throw Statuses.invalidOption(
          optionsKind,
          "FieldValueNotSupported",
          "Unsupported value: \""
              + fieldValidation
              + "\": supported values: \"Ignore\", \"Strict\", \"Warn\"",
          "fieldValidation");
    }
    String manager = request.param("fieldManager");
    if (manager == null || manager.isEmpty()) {
      manager = defaultManager(request.header("User-Agent"));
    } else if (manager.length() > 128) {
      throw Statuses.invalidOption(
          optionsKind,
          "FieldValueTooLong",
          "Too long: may not be more than 128 bytes",
          "fieldManager");
    }
    return new WriteOptions(!dryRun.isEmpty(), manager, fieldValidation, subresource);
  }

  /** kube's default manager: the User-Agent up to the first '/', capped at 128 bytes. */
  private static String defaultManager(String userAgent) {
    if (userAgent == null || userAgent.isEmpty()) {
      return "unknown";
    }
    int slash = userAgent.indexOf('/');
    String manager = slash >= 0 ? userAgent.substring(0, slash) : userAgent;
    return manager.length() > 128 ? manager.substring(0, 128) : manager;
  }

  /** Parses and validates list/watch parameters (kube's ListOptions validation). */
  static ListQuery listQuery(ApiRequest request, ResourceType type, boolean watch) {
    String rv = request.param("resourceVersion");
    String match = request.param("resourceVersionMatch");
    if (match != null && match.isEmpty()) {
      match = null;
    }
    String cont = request.param("continue");
    if (cont != null && cont.isEmpty()) {
      cont = null;
    }
    long limit = 0;
    if (request.param("limit") != null && !request.param("limit").isEmpty()) {
      try {
        limit = Math.max(0, Long.parseLong(request.param("limit")));
      } catch (NumberFormatException e) {
        throw Statuses.badRequest("invalid limit: \"" + request.param("limit") + "\"");
      }
    }
    if (rv != null && !rv.isEmpty()) {
      RequestedVersion.parse(rv);
    }
    if (match != null && watch) {
      // kube's validateWatchOptions: no resourceVersion needed (client-go's watch-list sends
      // resourceVersion=""), only NotOlderThan; sendInitialEvents is checked by the watch handler
      if (!match.equals("NotOlderThan")) {
        throw listInvalid(
            "FieldValueNotSupported",
            "Unsupported value: \"" + match + "\": supported values: \"NotOlderThan\"",
            "resourceVersionMatch");
      }
      if (cont != null) {
        throw listInvalid(
            "FieldValueForbidden",
            "Forbidden: resourceVersionMatch is forbidden when continue is provided",
            "resourceVersionMatch");
      }
    } else if (match != null) {
      if (!match.equals("Exact") && !match.equals("NotOlderThan")) {
        throw listInvalid(
            "FieldValueNotSupported",
            "Unsupported value: \""
                + match
                + "\": supported values: \"Exact\", \"NotOlderThan\", \"\"",
            "resourceVersionMatch");
      }
      if (rv == null || rv.isEmpty()) {
        throw listInvalid(
            "FieldValueForbidden",
            "Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided",
            "resourceVersionMatch");
      }
      if (cont != null) {
        throw listInvalid(
            "FieldValueForbidden",
            "Forbidden: resourceVersionMatch is forbidden when continue is provided",
            "resourceVersionMatch");
      }
      if (match.equals("Exact") && rv.equals("0")) {
        throw listInvalid(
            "FieldValueForbidden",
            "Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"",
            "resourceVersionMatch");
      }
    }
    if (cont != null && rv != null && !rv.isEmpty() && !rv.equals("0") && !watch) {
      throw Statuses.badRequest("specifying resource version is not allowed when using continue");
    }
    if (!watch && request.param("sendInitialEvents") != null) {
      throw listInvalid(
          "FieldValueForbidden",
          "Forbidden: sendInitialEvents is forbidden for list",
          "sendInitialEvents");
    }
    FieldSelector fields = FieldSelector.parse(request.param("fieldSelector"), type.namespaced());
    LabelSelector labels = LabelSelector.parse(request.param("labelSelector"));
    return new ListQuery(
        request.info().namespace(),
        labels,
        fields,
        rv,
        match,
        watch ? 0 : limit,
        watch ? null : cont);
  }

  static RuntimeException listInvalid(String reason, String message, String field) {
    return Statuses.invalidOption("ListOptions", reason, message, field);
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline > 0 ? message.substring(0, newline) : message;
  }
}
