package dev.controlplanes.kamaji.api.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonPatchTest {

  static Stream<Arguments> successes() {
    return Stream.of(
        Arguments.of(
            "add object member",
            "{\"foo\":\"bar\"}",
            "[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\"}]",
            "{\"baz\":\"qux\",\"foo\":\"bar\"}"),
        Arguments.of(
            "add array element",
            "{\"foo\":[\"bar\",\"baz\"]}",
            "[{\"op\":\"add\",\"path\":\"/foo/1\",\"value\":\"qux\"}]",
            "{\"foo\":[\"bar\",\"qux\",\"baz\"]}"),
        Arguments.of(
            "add at end with -",
            "{\"foo\":[1,2]}",
            "[{\"op\":\"add\",\"path\":\"/foo/-\",\"value\":3}]",
            "{\"foo\":[1,2,3]}"),
        Arguments.of(
            "add at index == size",
            "{\"foo\":[1,2]}",
            "[{\"op\":\"add\",\"path\":\"/foo/2\",\"value\":3}]",
            "{\"foo\":[1,2,3]}"),
        Arguments.of(
            "add replaces existing member",
            "{\"foo\":1}",
            "[{\"op\":\"add\",\"path\":\"/foo\",\"value\":[2]}]",
            "{\"foo\":[2]}"),
        Arguments.of(
            "add null value",
            "{}",
            "[{\"op\":\"add\",\"path\":\"/a\",\"value\":null}]",
            "{\"a\":null}"),
        Arguments.of(
            "add whole document",
            "{\"a\":1}",
            "[{\"op\":\"add\",\"path\":\"\",\"value\":{\"b\":2}}]",
            "{\"b\":2}"),
        Arguments.of(
            "remove member",
            "{\"baz\":\"qux\",\"foo\":\"bar\"}",
            "[{\"op\":\"remove\",\"path\":\"/baz\"}]",
            "{\"foo\":\"bar\"}"),
        Arguments.of(
            "remove array element",
            "{\"foo\":[\"bar\",\"qux\",\"baz\"]}",
            "[{\"op\":\"remove\",\"path\":\"/foo/1\"}]",
            "{\"foo\":[\"bar\",\"baz\"]}"),
        Arguments.of(
            "replace",
            "{\"baz\":\"qux\",\"foo\":\"bar\"}",
            "[{\"op\":\"replace\",\"path\":\"/baz\",\"value\":\"boo\"}]",
            "{\"baz\":\"boo\",\"foo\":\"bar\"}"),
        Arguments.of(
            "replace array element",
            "{\"a\":[1,2]}",
            "[{\"op\":\"replace\",\"path\":\"/a/0\",\"value\":9}]",
            "{\"a\":[9,2]}"),
        Arguments.of(
            "move member",
            "{\"foo\":{\"bar\":\"baz\",\"waldo\":\"fred\"},\"qux\":{\"corge\":\"grault\"}}",
            "[{\"op\":\"move\",\"from\":\"/foo/waldo\",\"path\":\"/qux/thud\"}]",
            "{\"foo\":{\"bar\":\"baz\"},\"qux\":{\"corge\":\"grault\",\"thud\":\"fred\"}}"),
        Arguments.of(
            "move array element",
            "{\"foo\":[\"all\",\"grass\",\"cows\",\"eat\"]}",
            "[{\"op\":\"move\",\"from\":\"/foo/1\",\"path\":\"/foo/3\"}]",
            "{\"foo\":[\"all\",\"cows\",\"eat\",\"grass\"]}"),
        Arguments.of(
            "move to itself",
            "{\"a\":1}",
            "[{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/a\"}]",
            "{\"a\":1}"),
        Arguments.of(
            "copy",
            "{\"a\":{\"b\":1}}",
            "[{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/c\"},{\"op\":\"replace\",\"path\":\"/c/b\",\"value\":2}]",
            "{\"a\":{\"b\":1},\"c\":{\"b\":2}}"),
        Arguments.of(
            "test passes with numeric equality and member order",
            "{\"a\":{\"x\":1,\"y\":[1,2]}}",
            "[{\"op\":\"test\",\"path\":\"/a\",\"value\":{\"y\":[1.0,2],\"x\":1}}]",
            "{\"a\":{\"x\":1,\"y\":[1,2]}}"),
        Arguments.of(
            "escaped pointer tokens",
            "{\"a/b\":1,\"m~n\":2}",
            "[{\"op\":\"replace\",\"path\":\"/a~1b\",\"value\":3},{\"op\":\"remove\",\"path\":\"/m~0n\"}]",
            "{\"a/b\":3}"),
        Arguments.of(
            "empty key",
            "{\"\":1}",
            "[{\"op\":\"replace\",\"path\":\"/\",\"value\":2}]",
            "{\"\":2}"),
        Arguments.of(
            "kubectl managedFields migration",
            "{\"metadata\":{\"resourceVersion\":\"5\",\"managedFields\":[{\"manager\":\"a\"}]}}",
            "[{\"op\":\"replace\",\"path\":\"/metadata/managedFields\",\"value\":[]},"
                + "{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\",\"value\":\"4\"}]",
            "{\"metadata\":{\"resourceVersion\":\"4\",\"managedFields\":[]}}"),
        Arguments.of("no operations", "{\"a\":1}", "[]", "{\"a\":1}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("successes")
  void appliesOperations(String name, String target, String patch, String expected) {
    JsonElement doc = json(target);
    JsonElement before = doc.deepCopy();

    JsonElement result = JsonPatch.apply(doc, json(patch).getAsJsonArray());

    assertThat(result).isEqualTo(json(expected));
    assertThat(doc).as("input is not mutated").isEqualTo(before);
  }

  static Stream<Arguments> failingOperations() {
    return Stream.of(
        Arguments.of(
            "add to missing parent", "{}", "[{\"op\":\"add\",\"path\":\"/a/b\",\"value\":1}]"),
        Arguments.of(
            "add beyond array end",
            "{\"a\":[1]}",
            "[{\"op\":\"add\",\"path\":\"/a/2\",\"value\":1}]"),
        Arguments.of(
            "negative index", "{\"a\":[1]}", "[{\"op\":\"add\",\"path\":\"/a/-1\",\"value\":1}]"),
        Arguments.of(
            "leading zero index", "{\"a\":[1,2]}", "[{\"op\":\"remove\",\"path\":\"/a/01\"}]"),
        Arguments.of(
            "add into scalar", "{\"a\":1}", "[{\"op\":\"add\",\"path\":\"/a/b\",\"value\":1}]"),
        Arguments.of("remove missing member", "{}", "[{\"op\":\"remove\",\"path\":\"/a\"}]"),
        Arguments.of(
            "remove out of range", "{\"a\":[]}", "[{\"op\":\"remove\",\"path\":\"/a/0\"}]"),
        Arguments.of(
            "replace missing member", "{}", "[{\"op\":\"replace\",\"path\":\"/a\",\"value\":1}]"),
        Arguments.of(
            "move from missing", "{}", "[{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/b\"}]"),
        Arguments.of(
            "move into own child",
            "{\"a\":{}}",
            "[{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/a/b\"}]"),
        Arguments.of(
            "copy from missing", "{}", "[{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/b\"}]"),
        Arguments.of(
            "test value differs",
            "{\"a\":\"x\"}",
            "[{\"op\":\"test\",\"path\":\"/a\",\"value\":\"y\"}]"),
        Arguments.of(
            "test missing path", "{}", "[{\"op\":\"test\",\"path\":\"/a\",\"value\":null}]"),
        Arguments.of("unknown op", "{}", "[{\"op\":\"merge\",\"path\":\"/a\",\"value\":1}]"),
        Arguments.of("missing op", "{}", "[{\"path\":\"/a\",\"value\":1}]"),
        Arguments.of("missing path", "{}", "[{\"op\":\"add\",\"value\":1}]"),
        Arguments.of("missing value", "{}", "[{\"op\":\"add\",\"path\":\"/a\"}]"),
        Arguments.of("missing from", "{\"a\":1}", "[{\"op\":\"copy\",\"path\":\"/b\"}]"),
        Arguments.of("pointer without slash", "{\"a\":1}", "[{\"op\":\"remove\",\"path\":\"a\"}]"),
        Arguments.of("bad escape", "{\"a\":1}", "[{\"op\":\"remove\",\"path\":\"/a~2\"}]"),
        Arguments.of(
            "stale resourceVersion test",
            "{\"metadata\":{\"resourceVersion\":\"5\"}}",
            "[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\"4\"}]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failingOperations")
  void failingOperationIsUnprocessable(String name, String target, String patch) {
    assertThatThrownBy(() -> JsonPatch.apply(json(target), json(patch).getAsJsonArray()))
        .isInstanceOfSatisfying(
            PatchException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(PatchException.Reason.OPERATION_FAILED);
              assertThat(e.httpStatus()).isEqualTo(422);
              assertThat(e.statusMessage())
                  .isEqualTo("the server rejected our request due to an error in our request");
              assertThat(e.getMessage()).isNotBlank();
            });
  }

  @Test
  void earlierOperationsAreNotVisibleWhenALaterOneFails() {
    JsonElement doc = json("{\"a\":1}");
    assertThatThrownBy(
            () ->
                JsonPatch.apply(
                    doc,
                    json("[{\"op\":\"remove\",\"path\":\"/a\"},{\"op\":\"remove\",\"path\":\"/a\"}]")
                        .getAsJsonArray()))
        .isInstanceOf(PatchException.class);
    assertThat(doc).isEqualTo(json("{\"a\":1}"));
  }

  @Test
  void patchThatIsNotAnArrayOfObjectsIsMalformed() {
    for (String patch : new String[] {"{\"op\":\"add\"}", "null", "[1]", "[[]]"}) {
      assertThatThrownBy(() -> JsonPatch.apply(json("{}"), json(patch)))
          .as(patch)
          .isInstanceOfSatisfying(
              PatchException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(PatchException.Reason.MALFORMED);
                assertThat(e.httpStatus()).isEqualTo(400);
              });
    }
  }

  @Test
  void moreThanTenThousandOperationsIsTooLarge() {
    JsonArray ops = new JsonArray();
    for (int i = 0; i <= JsonPatch.MAX_OPERATIONS; i++) {
      ops.add(json("{\"op\":\"test\",\"path\":\"\",\"value\":{}}"));
    }
    assertThatThrownBy(() -> JsonPatch.apply(new JsonObject(), ops))
        .isInstanceOfSatisfying(
            PatchException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(413);
              assertThat(e.statusMessage())
                  .isEqualTo(
                      "Request entity too large: The allowed maximum operations in a JSON patch is"
                          + " 10000, got 10001");
            });

    ops.remove(0);
    assertThat(JsonPatch.apply(new JsonObject(), ops)).isEqualTo(new JsonObject());
  }

  private static JsonElement json(String text) {
    return JsonParser.parseString(text);
  }
}
