package dev.controlplanes.kamaji.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.controlplanes.kamaji.api.Fixtures;
import io.kubernetes.client.openapi.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every sample manifest parses into the typed model with client-java's gson and serializes back to
 * the same JSON (absent and null are the same; timestamps compare as instants because client-java
 * prints them in its own RFC 3339 form).
 */
class ModelRoundTripTest {

  private static final Pattern DATE_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

  static Stream<String> samples() throws IOException, URISyntaxException {
    Path dir = Path.of(ModelRoundTripTest.class.getResource("/samples").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml"))
              .sorted()
              .toList();
      assertThat(names).hasSizeGreaterThan(10);
      return names.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void sampleRoundTrips(String sample) {
    assertRoundTrips(Fixtures.sample(sample));
  }

  @Test
  void fullStatusRoundTrips() {
    JsonObject input = resource("/model/tcp-full-status.yaml");
    TenantControlPlane tcp = assertRoundTrips(input);

    TenantControlPlaneStatus status = tcp.getStatus();
    assertThat(status.getKubernetesResources().getVersion().getStatus())
        .isEqualTo(VersionState.READY);
    assertThat(status.getKubernetesResources().getDeployment().getConditions())
        .extracting(c -> c.getType())
        .containsExactly("Available", "Progressing");
    assertThat(status.getKubernetesResources().getService().getLoadBalancer().getIngress())
        .singleElement()
        .satisfies(i -> assertThat(i.getIp()).isEqualTo("172.18.255.200"));
    assertThat(status.getCertificates().getSa().getLastUpdate())
        .isEqualTo(OffsetDateTime.parse("2026-08-01T10:00:00Z"));
    assertThat(status.getAddons().getKonnectivity().getAgent().getMode()).isEqualTo("DaemonSet");
    assertThat(tcp.getSpec().getKubernetes().getKubelet().getConfigurationJSONPatches())
        .extracting(JsonPatchOperation::getValue)
        .containsExactly(
            new JsonPrimitive(250), JsonParser.parseString("{\"KubeletInUserNamespace\":true}"));
  }

  @Test
  void listsRoundTrip() {
    JsonObject tcp = Fixtures.sample("tcp-everything.yaml");
    JsonObject list = new JsonObject();
    list.addProperty("apiVersion", TenantControlPlane.API_VERSION);
    list.addProperty("kind", TenantControlPlaneList.KIND);
    list.add(
        "metadata", JsonParser.parseString("{\"resourceVersion\":\"17\",\"continue\":\"abc\"}"));
    JsonArray items = new JsonArray();
    items.add(tcp);
    list.add("items", items);

    TenantControlPlaneList parsed = JSON.deserialize(list.toString(), TenantControlPlaneList.class);
    assertThat(parsed.getMetadata().getContinue()).isEqualTo("abc");
    assertThat(parsed.getItems())
        .singleElement()
        .extracting(t -> t.getMetadata().getName())
        .isEqualTo("tenant-full");
    assertSerializesTo(parsed, list);

    JsonObject ds = Fixtures.sample("datastore-with-status.yaml");
    JsonObject dsList = new JsonObject();
    dsList.addProperty("apiVersion", DataStore.API_VERSION);
    dsList.addProperty("kind", DataStoreList.KIND);
    dsList.add("metadata", new JsonObject());
    JsonArray dsItems = new JsonArray();
    dsItems.add(ds);
    dsList.add("items", dsItems);
    DataStoreList parsedDs = JSON.deserialize(dsList.toString(), DataStoreList.class);
    assertThat(parsedDs.getItems().get(0).getStatus().getUsedBy())
        .containsExactly("tenants/alpha", "tenants/beta");
    assertSerializesTo(parsedDs, dsList);
  }

  @Test
  void equalModelsAreEqualAndSecretsStayOutOfToString() {
    JsonObject input = Fixtures.sample("datastore-with-status.yaml");
    DataStore a = JSON.deserialize(input.toString(), DataStore.class);
    DataStore b = JSON.deserialize(input.toString(), DataStore.class);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    b.getSpec().getBasicAuth().getPassword().setContent("b3RoZXI=");
    assertThat(a).isNotEqualTo(b);
    assertThat(a.toString()).doesNotContain("c2VjcmV0").contains("<redacted>");
  }

  /** Parses by kind, serializes back and checks the JSON is unchanged; returns the model. */
  @SuppressWarnings("unchecked")
  private static <T> T assertRoundTrips(JsonObject input) {
    String kind = input.get("kind").getAsString();
    Class<?> type =
        switch (kind) {
          case TenantControlPlane.KIND -> TenantControlPlane.class;
          case DataStore.KIND -> DataStore.class;
          default -> throw new IllegalArgumentException("unexpected kind " + kind);
        };
    Object model = JSON.deserialize(input.toString(), type);
    assertThat(model).isInstanceOf(type);
    JsonElement output = assertSerializesTo(model, input);
    // parsing the output again gives an equal model
    assertThat(JSON.<Object>deserialize(output.toString(), type)).isEqualTo(model);
    return (T) model;
  }

  /** Serializes with client-java's gson and compares with the expected JSON; returns the output. */
  private static JsonElement assertSerializesTo(Object model, JsonElement expected) {
    JsonElement output = JsonParser.parseString(JSON.serialize(model));
    assertThat(withoutDefaultEmpties(normalize(output), normalize(expected)))
        .isEqualTo(normalize(expected));
    return output;
  }

  private static JsonObject resource(String path) {
    try (InputStream in = ModelRoundTripTest.class.getResourceAsStream(path)) {
      Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return JsonParser.parseString(new com.google.gson.Gson().toJson(document)).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * client-java's models start their lists and maps empty, so they print {@code []} or {@code {}}
   * for members the input never had; those (and only those) are dropped from the output.
   */
  private static JsonElement withoutDefaultEmpties(JsonElement output, JsonElement input) {
    if (output.isJsonObject() && input.isJsonObject()) {
      JsonObject in = input.getAsJsonObject();
      JsonObject out = new JsonObject();
      for (Map.Entry<String, JsonElement> m : output.getAsJsonObject().entrySet()) {
        JsonElement v = m.getValue();
        if (!in.has(m.getKey())) {
          boolean emptyDefault =
              (v.isJsonArray() && v.getAsJsonArray().isEmpty())
                  || (v.isJsonObject() && v.getAsJsonObject().isEmpty());
          if (!emptyDefault) {
            out.add(m.getKey(), v);
          }
        } else {
          out.add(m.getKey(), withoutDefaultEmpties(v, in.get(m.getKey())));
        }
      }
      return out;
    }
    if (output.isJsonArray() && input.isJsonArray()) {
      JsonArray in = input.getAsJsonArray();
      JsonArray out = new JsonArray();
      for (int i = 0; i < output.getAsJsonArray().size(); i++) {
        JsonElement v = output.getAsJsonArray().get(i);
        out.add(i < in.size() ? withoutDefaultEmpties(v, in.get(i)) : v);
      }
      return out;
    }
    return output;
  }

  /** Drops nulls, and rewrites timestamps as instants so only their meaning is compared. */
  private static JsonElement normalize(JsonElement e) {
    if (e.isJsonObject()) {
      JsonObject out = new JsonObject();
      for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
        if (!m.getValue().isJsonNull()) {
          out.add(m.getKey(), normalize(m.getValue()));
        }
      }
      return out;
    }
    if (e.isJsonArray()) {
      JsonArray out = new JsonArray();
      e.getAsJsonArray().forEach(x -> out.add(normalize(x)));
      return out;
    }
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
      String s = e.getAsString();
      if (DATE_TIME.matcher(s).matches()) {
        return new JsonPrimitive(Instant.from(OffsetDateTime.parse(s)).toString());
      }
    }
    return e;
  }
}
