package dev.controlplanes.kamaji.apiserver.openapi;

import static dev.controlplanes.kamaji.apiserver.openapi.SchemaBuilder.array;
import static dev.controlplanes.kamaji.apiserver.openapi.SchemaBuilder.bool;
import static dev.controlplanes.kamaji.apiserver.openapi.SchemaBuilder.integer;
import static dev.controlplanes.kamaji.apiserver.openapi.SchemaBuilder.string;
import static dev.controlplanes.kamaji.apiserver.openapi.SchemaBuilder.stringMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Map;

/**
 * Object and list metadata definitions (ObjectMeta, ListMeta and what they reference) under their
 * standard names, with the field names, types and list semantics of {@code meta/v1} and our own
 * descriptions.
 */
final class MetaDefinitions {

  private MetaDefinitions() {}

  static void addTo(Map<String, JsonObject> definitions, OpenApiDialect dialect) {
    definitions.put(DefinitionNames.OBJECT_META, objectMeta(dialect));
    definitions.put(DefinitionNames.LIST_META, listMeta());
    definitions.put(DefinitionNames.MANAGED_FIELDS_ENTRY, managedFieldsEntry(dialect));
    definitions.put(DefinitionNames.OWNER_REFERENCE, ownerReference());
    definitions.put(
        DefinitionNames.TIME,
        withFormat(string("A timestamp in RFC 3339 form, with second precision."), "date-time"));
    definitions.put(
        DefinitionNames.FIELDS_V1,
        SchemaBuilder.object(
                "A set of field paths in the FieldsV1 trie format used by server-side apply.")
            .build());
  }

  private static JsonObject objectMeta(OpenApiDialect d) {
    JsonArray uidKey = new JsonArray();
    uidKey.add("uid");
    JsonObject ownerReferences =
        array(
            d.ref(DefinitionNames.OWNER_REFERENCE),
            "map",
            "Objects this object depends on; the garbage collector deletes it once all owners are"
                + " gone. At most one owner may be the managing controller.");
    ownerReferences.add("x-kubernetes-list-map-keys", uidKey);
    return SchemaBuilder.object(
            "Metadata every persisted object carries: identity, labels, annotations and the fields"
                + " the server maintains.")
        .property("annotations", stringMap("Unstructured key/value data kept with the object."))
        .property(
            "creationTimestamp",
            d.ref(DefinitionNames.TIME, "When the object was created. Set by the server."))
        .property(
            "deletionGracePeriodSeconds",
            integer("int64", "Seconds allowed for graceful termination once deletion started."))
        .property(
            "deletionTimestamp",
            d.ref(
                DefinitionNames.TIME,
                "When deletion was requested; the object goes away once its finalizers are"
                    + " removed. Set by the server."))
        .property(
            "finalizers",
            array(
                string(null),
                "set",
                "Conditions that must be cleared, by the controllers owning them, before the object"
                    + " is removed from storage."))
        .property(
            "generateName",
            string("A prefix the server completes with a random suffix when name is empty."))
        .property(
            "generation",
            integer("int64", "The generation of the desired state, incremented on spec changes."))
        .property("labels", stringMap("Key/value pairs used to select and organise objects."))
        .property(
            "managedFields",
            array(
                d.ref(DefinitionNames.MANAGED_FIELDS_ENTRY),
                "atomic",
                "Which manager owns which fields, as tracked by server-side apply."))
        .property("name", string("The name, unique within the namespace (or the cluster)."))
        .property(
            "namespace",
            string("The namespace of a namespaced object; empty for cluster-scoped objects."))
        .property("ownerReferences", ownerReferences)
        .property(
            "resourceVersion",
            string(
                "An opaque version of the object, changed on every write; used for optimistic"
                    + " concurrency and watches."))
        .property("selfLink", string("Deprecated and unset."))
        .property("uid", string("The unique identity of this object over time. Set by the server."))
        .build();
  }

  private static JsonObject listMeta() {
    return SchemaBuilder.object("Metadata of a list response.")
        .property(
            "continue",
            string("Set when more items exist: pass it as the continue option to read them."))
        .property(
            "remainingItemCount",
            integer("int64", "An estimate of the number of items not returned yet, when known."))
        .property("resourceVersion", string("The resource version the list was served at."))
        .property("selfLink", string("Deprecated and unset."))
        .build();
  }

  private static JsonObject managedFieldsEntry(OpenApiDialect d) {
    return SchemaBuilder.object("The set of fields one manager owns, by operation.")
        .property("apiVersion", string("The version of the resource the field set applies to."))
        .property("fieldsType", string("The format of the fields entry; only FieldsV1."))
        .property("fieldsV1", d.ref(DefinitionNames.FIELDS_V1, "The owned fields."))
        .property("manager", string("The name of the manager owning the fields."))
        .property("operation", string("The kind of write that owns the fields: Apply or Update."))
        .property("subresource", string("The subresource the fields were written through, if any."))
        .property(
            "time", d.ref(DefinitionNames.TIME, "When the manager last changed an owned field."))
        .build();
  }

  private static JsonObject ownerReference() {
    return SchemaBuilder.object("Identifies an owning object in the same namespace.")
        .property("apiVersion", string("The API version of the owner."))
        .property(
            "blockOwnerDeletion",
            bool("If true, foreground deletion of the owner waits for this object."))
        .property("controller", bool("If true, this owner is the managing controller."))
        .property("kind", string("The kind of the owner."))
        .property("name", string("The name of the owner."))
        .property("uid", string("The uid of the owner."))
        .required("apiVersion", "kind", "name", "uid")
        .extension("x-kubernetes-map-type", "atomic")
        .build();
  }

  private static JsonObject withFormat(JsonObject schema, String format) {
    schema.addProperty("format", format);
    return schema;
  }
}
