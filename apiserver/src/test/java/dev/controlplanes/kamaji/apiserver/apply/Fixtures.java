package dev.controlplanes.kamaji.apiserver.apply;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.api.schema.Schema;
import java.time.Instant;

/** A small kind schema covering every merge strategy, and JSON helpers. */
final class Fixtures {

  static final String API_VERSION = "kamaji.clastix.io/v1alpha1";
  static final Instant T0 = Instant.parse("2026-07-01T10:00:00Z");
  static final Instant T1 = Instant.parse("2026-07-01T11:00:00Z");
  static final Instant T2 = Instant.parse("2026-07-01T12:00:00Z");

  /**
   * {@code spec.addons}: map list keyed by name; {@code spec.tags}: set; {@code spec.certSANs}:
   * atomic (no list type); {@code spec.selector}: atomic map; {@code spec.kubernetes}: nested
   * object; {@code spec.extra}: preserves unknown fields.
   */
  static final Schema SCHEMA =
      Schema.parse(
          json("""
               {"type":"object","properties":{
                 "apiVersion":{"type":"string"},"kind":{"type":"string"},
                 "metadata":{"type":"object"},
                 "spec":{"type":"object","properties":{
                   "replicas":{"type":"integer"},
                   "kubernetes":{"type":"object","properties":{
                     "version":{"type":"string"},
                     "kubelet":{"type":"object","properties":{"cgroupfs":{"type":"string"}}}}},
                   "addons":{"type":"array","x-kubernetes-list-type":"map",
                     "x-kubernetes-list-map-keys":["name"],
                     "items":{"type":"object","properties":{
                       "name":{"type":"string"},"image":{"type":"string"},
                       "args":{"type":"array","items":{"type":"string"}}}}},
                   "tags":{"type":"array","x-kubernetes-list-type":"set",
                     "items":{"type":"string"}},
                   "certSANs":{"type":"array","items":{"type":"string"}},
                   "selector":{"type":"object","x-kubernetes-map-type":"atomic",
                     "additionalProperties":{"type":"string"}},
                   "extra":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}},
                 "status":{"type":"object","properties":{
                   "ready":{"type":"boolean"},"version":{"type":"string"}}}}}
               """)
              .getAsJsonObject());

  private Fixtures() {}

  static JsonElement json(String text) {
    return JsonParser.parseString(text);
  }

  static JsonObject obj(String text) {
    return json(text).getAsJsonObject();
  }

  /** A TenantControlPlane-like object with the given spec (and optional extra metadata JSON). */
  static JsonObject tcp(String spec) {
    return obj(
        "{\"apiVersion\":\""
            + API_VERSION
            + "\",\"kind\":\"TenantControlPlane\","
            + "\"metadata\":{\"name\":\"t1\",\"namespace\":\"ns\"},\"spec\":"
            + spec
            + "}");
  }

  /** The fieldsV1 of the entry of {@code manager}, or null. */
  static JsonObject fieldsOf(JsonObject object, String manager) {
    for (ManagedFieldsEntry e : ManagedFields.read(object)) {
      if (e.manager().equals(manager)) {
        return e.fields().toFieldsV1();
      }
    }
    return null;
  }

  static ManagedFieldsEntry entryOf(JsonObject object, String manager) {
    return ManagedFields.read(object).stream()
        .filter(e -> e.manager().equals(manager))
        .findFirst()
        .orElse(null);
  }
}
