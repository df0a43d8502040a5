package dev.controlplanes.kamaji.api.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MergePatchTest {

  /** The RFC 7386 appendix A vectors whose patch is an object or an array. */
  static Stream<Arguments> rfcVectors() {
    return Stream.of(
        Arguments.of("{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
        Arguments.of("{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"),
        Arguments.of("{\"a\":\"b\"}", "{\"a\":null}", "{}"),
        Arguments.of("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}"),
        Arguments.of("{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
        Arguments.of("{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}"),
        Arguments.of(
            "{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}"),
        Arguments.of("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}"),
        Arguments.of("[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"c\",\"d\"]"),
        Arguments.of("{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]"),
        Arguments.of("{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}"),
        Arguments.of("[1,2]", "{\"a\":\"b\",\"c\":null}", "{\"a\":\"b\"}"),
        Arguments.of("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}"));
  }

  @ParameterizedTest(name = "{0} + {1}")
  @MethodSource("rfcVectors")
  void rfc7386Vectors(String target, String patch, String expected) {
    JsonElement doc = json(target);

    assertThat(MergePatch.apply(doc, json(patch))).isEqualTo(json(expected));
    assertThat(doc).as("input is not mutated").isEqualTo(json(target));
  }

  @Test
  void kubectlLabelAndGarbageCollectorPatches() {
    JsonElement live =
        json(
            "{\"metadata\":{\"name\":\"t1\",\"resourceVersion\":\"7\",\"labels\":{\"a\":\"1\"},"
                + "\"finalizers\":[\"orphan\"]},\"spec\":{\"x\":[1,2]}}");

    JsonElement labelled =
        MergePatch.apply(live, json("{\"metadata\":{\"labels\":{\"b\":\"2\",\"a\":null}}}"));
    JsonElement finalized =
        MergePatch.apply(
            live, json("{\"metadata\":{\"resourceVersion\":\"7\",\"finalizers\":null}}"));

    assertThat(labelled)
        .isEqualTo(
            json(
                "{\"metadata\":{\"name\":\"t1\",\"resourceVersion\":\"7\",\"labels\":{\"b\":\"2\"},"
                    + "\"finalizers\":[\"orphan\"]},\"spec\":{\"x\":[1,2]}}"));
    assertThat(finalized)
        .isEqualTo(
            json(
                "{\"metadata\":{\"name\":\"t1\",\"resourceVersion\":\"7\",\"labels\":{\"a\":\"1\"}},"
                    + "\"spec\":{\"x\":[1,2]}}"));
  }

  @Test
  void resultDoesNotShareStructureWithThePatch() {
    JsonElement patch = json("{\"a\":{\"b\":[1]}}");
    JsonElement result = MergePatch.apply(json("{}"), patch);

    result.getAsJsonObject().getAsJsonObject("a").getAsJsonArray("b").add(2);

    assertThat(patch).isEqualTo(json("{\"a\":{\"b\":[1]}}"));
  }

  @Test
  void nullOrScalarPatchIsMalformedAsInKube() {
    // RFC 7386 would replace the whole document; kube answers 400 "Invalid JSON Patch".
    for (String patch : new String[] {"null", "\"bar\"", "5", "true"}) {
      assertThatThrownBy(() -> MergePatch.apply(json("{\"a\":\"foo\"}"), json(patch)))
          .as(patch)
          .isInstanceOfSatisfying(
              PatchException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(PatchException.Reason.MALFORMED);
                assertThat(e.statusMessage()).isEqualTo("Invalid JSON Patch");
              });
    }
  }

  private static JsonElement json(String text) {
    return JsonParser.parseString(text);
  }
}
