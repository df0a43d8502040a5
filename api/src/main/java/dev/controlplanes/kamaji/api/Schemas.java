package dev.controlplanes.kamaji.api;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.api.schema.KubernetesTypeSchemas;
import dev.controlplanes.kamaji.api.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The structural schemas of the served kinds, loaded once from the classpath.
 *
 * <p>Each schema describes the whole object ({@code apiVersion}, {@code kind}, {@code metadata},
 * {@code spec}, {@code status}), exactly like a CRD's {@code openAPIV3Schema}.
 */
public final class Schemas {

  private static final String BASE = "/dev/controlplanes/kamaji/api/schemas/";

  private Schemas() {}

  /** The schema of a whole TenantControlPlane. */
  public static Schema tenantControlPlane() {
    return Holder.TENANT_CONTROL_PLANE;
  }

  /** The schema of a whole DataStore. */
  public static Schema dataStore() {
    return Holder.DATA_STORE;
  }

  /** The schema for a kind of this group, or null for other kinds. */
  public static Schema forKind(String kind) {
    return switch (kind) {
      case KamajiApi.TENANT_CONTROL_PLANE_KIND -> tenantControlPlane();
      case KamajiApi.DATA_STORE_KIND -> dataStore();
      default -> null;
    };
  }

  /** Reads a schema document from the classpath; fails when it is missing or malformed. */
  static Schema load(String resource) {
    try (InputStream in = Schemas.class.getResourceAsStream(BASE + resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource not found: " + BASE + resource);
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        JsonObject json = JsonParser.parseReader(reader).getAsJsonObject();
        KubernetesTypeSchemas.expandEmbedded(json);
        return Schema.parse(json);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema " + resource, e);
    }
  }

  /** Lazy, thread-safe holder: the schemas are parsed on first use. */
  private static final class Holder {
    static final Schema TENANT_CONTROL_PLANE = load("tenantcontrolplane.json");
    static final Schema DATA_STORE = load("datastore.json");
  }
}
