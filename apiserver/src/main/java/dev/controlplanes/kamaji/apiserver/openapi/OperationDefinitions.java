package dev.controlplanes.kamaji.apiserver.openapi;

import static dev.controlplanes.kamaji.apiserver.openapi.SchemaBuilder.array;
import static dev.controlplanes.kamaji.apiserver.openapi.SchemaBuilder.bool;
import static dev.controlplanes.kamaji.apiserver.openapi.SchemaBuilder.integer;
import static dev.controlplanes.kamaji.apiserver.openapi.SchemaBuilder.string;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Definitions of the request and response bodies around our kinds: Status, DeleteOptions, Patch,
 * WatchEvent and autoscaling/v1 Scale, under their standard names, with our own descriptions.
 */
final class OperationDefinitions {

  private static final String API_VERSION = "The group and version of this object's schema.";
  private static final String KIND = "The kind of this object.";

  private OperationDefinitions() {}

  /**
   * Adds the definitions. DeleteOptions and WatchEvent belong to every group version, so their GVK
   * lists name core/v1 and each served group version.
   */
  static void addTo(
      Map<String, JsonObject> definitions,
      OpenApiDialect dialect,
      Collection<GroupVersion> servedGroupVersions) {
    definitions.put(DefinitionNames.STATUS, status(dialect));
    definitions.put(DefinitionNames.STATUS_DETAILS, statusDetails(dialect));
    definitions.put(DefinitionNames.STATUS_CAUSE, statusCause());
    definitions.put(DefinitionNames.DELETE_OPTIONS, deleteOptions(dialect, servedGroupVersions));
    definitions.put(DefinitionNames.PRECONDITIONS, preconditions());
    definitions.put(
        DefinitionNames.PATCH,
        SchemaBuilder.object(
                "A patch document; its format is given by the Content-Type of the request.")
            .build());
    definitions.put(DefinitionNames.WATCH_EVENT, watchEvent(dialect, servedGroupVersions));
    definitions.put(
        DefinitionNames.RAW_EXTENSION,
        SchemaBuilder.object("An embedded object, with its own apiVersion and kind.").build());
    definitions.put(DefinitionNames.SCALE, scale(dialect));
    definitions.put(
        DefinitionNames.SCALE_SPEC,
        SchemaBuilder.object("The desired scale.")
            .property("replicas", integer("int32", "The desired number of replicas."))
            .build());
    definitions.put(
        DefinitionNames.SCALE_STATUS,
        SchemaBuilder.object("The observed scale.")
            .property("replicas", integer("int32", "The observed number of replicas."))
            .property(
                "selector",
                string("The label selector of the replicas, in the string form of a query."))
            .required("replicas")
            .build());
  }

  private static JsonObject status(OpenApiDialect d) {
    return SchemaBuilder.object(
            "The result of a call that does not return an object, or a failure.")
        .property("apiVersion", string(API_VERSION))
        .property("code", integer("int32", "The HTTP status code, when one applies."))
        .property("details", d.ref(DefinitionNames.STATUS_DETAILS, "Reason-specific details."))
        .property("kind", string(KIND))
        .property("message", string("A human-readable description of the outcome."))
        .property("metadata", d.ref(DefinitionNames.LIST_META, "Standard list metadata."))
        .property("reason", string("A machine-readable reason; empty when none applies."))
        .property("status", string("Success or Failure."))
        .extension(
            "x-kubernetes-group-version-kind",
            SchemaBuilder.gvkArray(List.of(new GroupVersionKind("", "v1", "Status"))))
        .build();
  }

  private static JsonObject statusDetails(OpenApiDialect d) {
    return SchemaBuilder.object("Details of a Status: the object concerned and the causes.")
        .property(
            "causes",
            array(d.ref(DefinitionNames.STATUS_CAUSE), "atomic", "The individual causes."))
        .property("group", string("The group of the object concerned."))
        .property("kind", string("The kind of the object concerned."))
        .property("name", string("The name of the object concerned."))
        .property(
            "retryAfterSeconds",
            integer("int32", "Seconds the client should wait before retrying, when set."))
        .property("uid", string("The uid of the object concerned."))
        .build();
  }

  private static JsonObject statusCause() {
    return SchemaBuilder.object("One cause of a failure, e.g. one invalid field.")
        .property("field", string("The path of the field concerned, when there is one."))
        .property("message", string("A human-readable description of the cause."))
        .property("reason", string("A machine-readable reason."))
        .build();
  }

  private static JsonObject deleteOptions(
      OpenApiDialect d, Collection<GroupVersion> servedGroupVersions) {
    return SchemaBuilder.object("Options of a delete request.")
        .property("apiVersion", string(API_VERSION))
        .property("dryRun", array(string(null), "atomic", "If set to [All], nothing is persisted."))
        .property(
            "gracePeriodSeconds",
            integer("int64", "Seconds to wait before deletion; zero deletes immediately."))
        .property(
            "ignoreStoreReadErrorWithClusterBreakingPotential",
            bool("Delete an object whose stored data cannot be read. Unsafe."))
        .property("kind", string(KIND))
        .property("orphanDependents", bool("Deprecated, use propagationPolicy."))
        .property(
            "preconditions",
            d.ref(DefinitionNames.PRECONDITIONS, "Must hold for the deletion to proceed."))
        .property(
            "propagationPolicy",
            string("How dependents are garbage collected: Orphan, Background or Foreground."))
        .extension(
            "x-kubernetes-group-version-kind",
            SchemaBuilder.gvkArray(kinds("DeleteOptions", servedGroupVersions)))
        .build();
  }

  private static JsonObject preconditions() {
    return SchemaBuilder.object("Conditions an object must meet for a delete to proceed.")
        .property("resourceVersion", string("The resource version the object must have."))
        .property("uid", string("The uid the object must have."))
        .build();
  }

  private static JsonObject watchEvent(
      OpenApiDialect d, Collection<GroupVersion> servedGroupVersions) {
    return SchemaBuilder.object("One event of a watch stream.")
        .property(
            "object",
            d.ref(
                DefinitionNames.RAW_EXTENSION,
                "The object concerned: the new state for ADDED and MODIFIED, the last state for"
                    + " DELETED, a Status for ERROR, an object with only a resourceVersion for"
                    + " BOOKMARK."))
        .property("type", string("ADDED, MODIFIED, DELETED, BOOKMARK or ERROR."))
        .required("type", "object")
        .extension(
            "x-kubernetes-group-version-kind",
            SchemaBuilder.gvkArray(kinds("WatchEvent", servedGroupVersions)))
        .build();
  }

  private static JsonObject scale(OpenApiDialect d) {
    return SchemaBuilder.object("The desired and observed replica count of a scalable object.")
        .property("apiVersion", string(API_VERSION))
        .property("kind", string(KIND))
        .property("metadata", d.ref(DefinitionNames.OBJECT_META, "Standard object metadata."))
        .property("spec", d.ref(DefinitionNames.SCALE_SPEC, "The desired scale."))
        .property("status", d.ref(DefinitionNames.SCALE_STATUS, "The observed scale."))
        .extension(
            "x-kubernetes-group-version-kind",
            SchemaBuilder.gvkArray(List.of(DefinitionNames.SCALE_GVK)))
        .build();
  }

  private static List<GroupVersionKind> kinds(
      String kind, Collection<GroupVersion> servedGroupVersions) {
    List<GroupVersionKind> kinds = new ArrayList<>();
    kinds.add(new GroupVersionKind("", "v1", kind));
    servedGroupVersions.forEach(gv -> kinds.add(gv.withKind(kind)));
    return kinds;
  }
}
