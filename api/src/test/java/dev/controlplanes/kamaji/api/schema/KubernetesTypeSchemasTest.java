package dev.controlplanes.kamaji.api.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Container;
import org.junit.jupiter.api.Test;

class KubernetesTypeSchemasTest {

  @Test
  void describesAModelsFieldsTypesRequiredFieldsAndDocumentation() {
    Schema container = Schema.parse(KubernetesTypeSchemas.of("V1Container"));

    assertThat(container.type()).isEqualTo(Schema.Type.OBJECT);
    assertThat(container.preservesUnknownFields()).isFalse();
    assertThat(container.required()).containsExactly("name");
    assertThat(container.properties())
        .containsKeys("name", "image", "args", "env", "ports", "resources", "securityContext");
    assertThat(container.properties().get("image").type()).isEqualTo(Schema.Type.STRING);
    assertThat(container.properties().get("image").description()).contains("Container image name");
    assertThat(container.properties().get("stdin").type()).isEqualTo(Schema.Type.BOOLEAN);
    Schema port = container.properties().get("ports").items();
    assertThat(port.required()).containsExactly("containerPort");
    assertThat(port.properties().get("containerPort").type()).isEqualTo(Schema.Type.INTEGER);
    Schema limits = container.properties().get("resources").properties().get("limits");
    assertThat(limits.additionalProperties().intOrString()).isTrue();
    Schema probePort =
        container
            .properties()
            .get("livenessProbe")
            .properties()
            .get("httpGet")
            .properties()
            .get("port");
    assertThat(probePort.intOrString()).isTrue();
  }

  @Test
  void mapsTimesBytesAndIntegersToTheirOpenApiFormats() {
    JsonObject condition = KubernetesTypeSchemas.of("V1DeploymentCondition");
    JsonObject time = condition.getAsJsonObject("properties").getAsJsonObject("lastTransitionTime");
    assertThat(time.get("type").getAsString()).isEqualTo("string");
    assertThat(time.get("format").getAsString()).isEqualTo("date-time");

    JsonObject seconds =
        KubernetesTypeSchemas.of("V1Toleration")
            .getAsJsonObject("properties")
            .getAsJsonObject("tolerationSeconds");
    assertThat(seconds.get("format").getAsString()).isEqualTo("int64");
  }

  @Test
  void refusesAnUnknownModel() {
    assertThatThrownBy(() -> KubernetesTypeSchemas.of("V1NoSuchThing"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("V1NoSuchThing");
  }

  @Test
  void expandsAnnotatedNodesKeepingTheirOwnSettings() {
    JsonObject document =
        JsonParser.parseString(
                """
                {"type": "object", "properties": {"containers": {"type": "array", "items": {
                  "type": "object", "x-kubernetes-preserve-unknown-fields": true,
                  "x-kamaji-kubernetes-type": "V1Container", "required": ["image"],
                  "properties": {"name": {"type": "string", "description": "ours"}}}}}}
                """)
            .getAsJsonObject();

    KubernetesTypeSchemas.expandEmbedded(document);
    Schema items = Schema.parse(document).properties().get("containers").items();

    assertThat(items.preservesUnknownFields()).isFalse();
    assertThat(items.kubernetesType()).isEqualTo("V1Container");
    assertThat(items.required()).containsExactly("image", "name");
    assertThat(items.properties().get("name").description()).isEqualTo("ours");
    assertThat(items.properties()).containsKey("volumeMounts");
  }

  @Test
  void whatThePrunerKeepsClientJavaCanDecode() {
    JsonObject container =
        JsonParser.parseString(
                """
                {"name": "c", "image": "i", "typo": 1,
                 "ports": [{"containerPort": 80, "bogus": true}],
                 "livenessProbe": {"httpGet": {"port": "http", "path": "/", "nope": 1}}}
                """)
            .getAsJsonObject();
    JsonObject root = new JsonObject();
    root.add("c", container);
    JsonObject rootSchema = JsonParser.parseString("{\"type\": \"object\"}").getAsJsonObject();
    JsonObject props = new JsonObject();
    props.add("c", KubernetesTypeSchemas.of("V1Container"));
    rootSchema.add("properties", props);

    assertThat(SchemaPruner.prune(root, Schema.parse(rootSchema)))
        .containsExactlyInAnyOrder("c.livenessProbe.httpGet.nope", "c.ports[0].bogus", "c.typo");
    V1Container decoded = JSON.getGson().fromJson(container, V1Container.class);
    assertThat(decoded.getPorts().get(0).getContainerPort()).isEqualTo(80);
  }
}
