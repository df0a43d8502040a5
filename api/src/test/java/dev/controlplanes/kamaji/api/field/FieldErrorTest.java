package dev.controlplanes.kamaji.api.field;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonPrimitive;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldErrorTest {

  private static final FieldPath NAME = FieldPath.root("metadata").child("name");

  @Test
  void invalidShowsQuotedValueAndDetail() {
    FieldError e = FieldErrors.invalid(NAME, "T_1", "a lowercase RFC 1123 subdomain ...");

    assertThat(e.type().reason()).isEqualTo("FieldValueInvalid");
    assertThat(e.field()).isEqualTo("metadata.name");
    assertThat(e.message()).isEqualTo("Invalid value: \"T_1\": a lowercase RFC 1123 subdomain ...");
    assertThat(e)
        .hasToString("metadata.name: Invalid value: \"T_1\": a lowercase RFC 1123 subdomain ...");
  }

  @Test
  void requiredAndForbiddenShowNoValue() {
    assertThat(FieldErrors.required(NAME, "name or generateName is required").message())
        .isEqualTo("Required value: name or generateName is required");
    assertThat(FieldErrors.required(NAME, "").message()).isEqualTo("Required value");
    assertThat(FieldErrors.forbidden(NAME, "not allowed on this type").message())
        .isEqualTo("Forbidden: not allowed on this type");
  }

  @Test
  void notSupportedListsTheSupportedValues() {
    FieldError e =
        FieldErrors.notSupported(FieldPath.of("spec.driver"), "X", List.of("etcd", "MySQL"));

    assertThat(e.type().reason()).isEqualTo("FieldValueNotSupported");
    assertThat(e.message())
        .isEqualTo("Unsupported value: \"X\": supported values: \"etcd\", \"MySQL\"");
  }

  @Test
  void numbersBooleansAndJsonRenderUnquoted() {
    FieldPath p = FieldPath.root("x");
    assertThat(FieldErrors.invalid(p, 3L, "d").message()).isEqualTo("Invalid value: 3: d");
    assertThat(FieldErrors.invalid(p, new JsonPrimitive(3), "d").message())
        .isEqualTo("Invalid value: 3: d");
    assertThat(FieldErrors.invalid(p, true, "d").message()).isEqualTo("Invalid value: true: d");
    JsonArray array = new JsonArray();
    array.add("a");
    assertThat(FieldErrors.invalid(p, array, "d").message()).isEqualTo("Invalid value: [\"a\"]: d");
    assertThat(FieldErrors.invalid(p, "a\"b\n", "d").message())
        .isEqualTo("Invalid value: \"a\\\"b\\n\": d");
  }

  @Test
  void tooLongTooManyDuplicateTypeInvalidAndNotFound() {
    FieldPath p = FieldPath.of("metadata.annotations");
    assertThat(FieldErrors.tooLong(p, 262144).message())
        .isEqualTo("Too long: may not be more than 262144 bytes");
    assertThat(FieldErrors.tooMany(FieldPath.of("spec.a"), 3, 2).message())
        .isEqualTo("Too many: 3: must have at most 2 items");
    assertThat(FieldErrors.tooMany(FieldPath.of("spec.a"), 3, 1).message())
        .isEqualTo("Too many: 3: must have at most 1 item");
    assertThat(FieldErrors.duplicate(FieldPath.of("spec.a"), "x").message())
        .isEqualTo("Duplicate value: \"x\"");
    assertThat(FieldErrors.typeInvalid(p, "string", "p in body must be of type object: \"string\""))
        .extracting(FieldError::message)
        .isEqualTo("Invalid value: \"string\": p in body must be of type object: \"string\"");
    assertThat(FieldErrors.notFound(FieldPath.of("spec.dataStore"), "gold").message())
        .isEqualTo("Not found: \"gold\"");
    assertThat(FieldError.Type.TYPE_INVALID.reason()).isEqualTo("FieldValueTypeInvalid");
    assertThat(FieldError.Type.TOO_MANY.reason()).isEqualTo("FieldValueTooMany");
    assertThat(FieldError.Type.TOO_LONG.reason()).isEqualTo("FieldValueTooLong");
    assertThat(FieldError.Type.DUPLICATE.reason()).isEqualTo("FieldValueDuplicate");
    assertThat(FieldError.Type.FORBIDDEN.reason()).isEqualTo("FieldValueForbidden");
    assertThat(FieldError.Type.REQUIRED.reason()).isEqualTo("FieldValueRequired");
  }

  @Test
  void aggregateJoinsDistinctMessagesInBrackets() {
    FieldError a = FieldErrors.required(FieldPath.of("spec.a"), "");
    FieldError b = FieldErrors.required(FieldPath.of("spec.b"), "");

    assertThat(FieldErrors.aggregate(List.of(a))).isEqualTo("spec.a: Required value");
    assertThat(FieldErrors.aggregate(List.of(a, b, a)))
        .isEqualTo("[spec.a: Required value, spec.b: Required value]");
  }
}
