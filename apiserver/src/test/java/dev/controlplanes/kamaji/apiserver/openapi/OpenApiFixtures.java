package dev.controlplanes.kamaji.apiserver.openapi;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.api.schema.Schema;
import dev.controlplanes.kamaji.apiserver.openapi.OpenApiSubresource.Verb;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/** The served resources built from small test schemas, and helpers to read documents. */
final class OpenApiFixtures {

  static final String GROUP = "kamaji.clastix.io";
  static final String VERSION = "v1alpha1";
  static final GroupVersion GV = new GroupVersion(GROUP, VERSION);

  private OpenApiFixtures() {}

  static List<OpenApiResource> resources() {
    return resources(UnaryOperator.identity());
  }

  /** The resources, with every schema passed through {@code rewrite} before parsing. */
  static List<OpenApiResource> resources(UnaryOperator<JsonObject> rewrite) {
    OpenApiKind kubeconfig =
        OpenApiKind.of(
            GROUP, VERSION, "TenantControlPlaneKubeconfig", schema("kubeconfig", rewrite));
    OpenApiResource tenantControlPlanes =
        OpenApiResource.ofNamespaced(
            OpenApiKind.of(
                GROUP, VERSION, "TenantControlPlane", schema("tenantcontrolplane", rewrite)),
            "tenantcontrolplanes",
            OpenApiSubresource.status(),
            OpenApiSubresource.scale(),
            OpenApiSubresource.custom("kubeconfig", EnumSet.of(Verb.GET), kubeconfig));
    OpenApiResource dataStores =
        OpenApiResource.ofCluster(
            OpenApiKind.of(GROUP, VERSION, "DataStore", schema("datastore", rewrite)),
            "datastores",
            OpenApiSubresource.status());
    return List.of(tenantControlPlanes, dataStores);
  }

  static OpenApiDocuments documents() {
    return OpenApiDocuments.build(resources());
  }

  static JsonObject parse(OpenApiDocument document) {
    return JsonParser.parseString(new String(document.toByteArray(), StandardCharsets.UTF_8))
        .getAsJsonObject();
  }

  static String text(OpenApiDocument document) {
    return new String(document.toByteArray(), StandardCharsets.UTF_8);
  }

  static String sha512(OpenApiDocument document) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-512").digest(document.toByteArray());
      return HexFormat.of().withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every {@code $ref} value anywhere below {@code element}. */
  static List<String> refs(JsonElement element) {
    List<String> refs = new ArrayList<>();
    collectRefs(element, refs);
    return refs;
  }

  private static void collectRefs(JsonElement element, List<String> refs) {
    if (element.isJsonArray()) {
      element.getAsJsonArray().forEach(item -> collectRefs(item, refs));
    } else if (element.isJsonObject()) {
      element
          .getAsJsonObject()
          .entrySet()
          .forEach(
              entry -> {
                if (entry.getKey().equals("$ref")) {
                  refs.add(entry.getValue().getAsString());
                } else {
                  collectRefs(entry.getValue(), refs);
                }
              });
    }
  }

  private static Schema schema(String name, UnaryOperator<JsonObject> rewrite) {
    String resource = "/openapi/" + name + ".schema.json";
    try (InputStream in = OpenApiFixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Schema.parse(rewrite.apply(JsonParser.parseString(json).getAsJsonObject()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
