package dev.controlplanes.kamaji.controllers.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class KubeJsonTest {

  private static JsonElement json(String text) {
    return JsonParser.parseString(text);
  }

  @Test
  void containsIgnoresExtraFieldsButNotExtraListElements() {
    assertThat(
            KubeJson.contains(
                json("{\"a\":1,\"b\":{\"c\":\"x\",\"d\":2}}"), json("{\"b\":{\"c\":\"x\"}}")))
        .isTrue();
    assertThat(KubeJson.contains(json("{\"l\":[{\"p\":1,\"q\":2}]}"), json("{\"l\":[{\"p\":1}]}")))
        .isTrue();
    assertThat(KubeJson.contains(json("{\"l\":[1,2]}"), json("{\"l\":[1]}"))).isFalse();
    assertThat(KubeJson.contains(json("{\"a\":\"1\"}"), json("{\"a\":1}"))).isFalse();
    assertThat(KubeJson.contains(json("{\"a\":1.0}"), json("{\"a\":1}"))).isTrue();
    assertThat(KubeJson.contains(json("{}"), json("{\"a\":{}}"))).isFalse();
  }

  @Test
  void zeroValuesTheApiServerOmitsMatchAnAbsentField() {
    assertThat(KubeJson.contains(json("{}"), json("{\"n\":0,\"s\":\"\",\"l\":[]}"))).isTrue();
    assertThat(KubeJson.contains(json("{\"l\":[\"x\"]}"), json("{\"l\":[]}"))).isFalse();
    assertThat(KubeJson.contains(json("{\"n\":3}"), json("{\"n\":0}"))).isFalse();
    assertThat(KubeJson.contains(json("{}"), json("{\"b\":false}"))).isFalse();
    assertThat(
            KubeJson.firstDifference(json("{\"a\":{\"l\":[1]}}"), json("{\"a\":{\"l\":[2]}}"), ""))
        .contains(".a.l[0]");
  }

  @Test
  void checksumsDoNotDependOnKeyOrder() {
    assertThat(Checksums.of(json("{\"a\":1,\"b\":{\"x\":1,\"y\":2}}")))
        .isEqualTo(Checksums.of(json("{\"b\":{\"y\":2,\"x\":1},\"a\":1}")))
        .isNotEqualTo(Checksums.of(json("{\"b\":{\"y\":2,\"x\":1},\"a\":2}")));
  }
}
