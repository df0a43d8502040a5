package dev.controlplanes.kamaji.api.schema;

import static dev.controlplanes.kamaji.api.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.api.Schemas;
import dev.controlplanes.kamaji.api.field.FieldError;
import dev.controlplanes.kamaji.api.field.FieldError.Type;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaValidatorTest {

  private static final Schema SCHEMA =
      Schema.parse(
          json(
              """
              {type: 'object', properties: {spec: {type: 'object', required: ['name'], properties: {
                name: {type: 'string', minLength: 2, maxLength: 5, pattern: '^[a-z]+$'},
                mode: {type: 'string', enum: ['A', 'B']},
                count: {type: 'integer', format: 'int32', minimum: 1, maximum: 3},
                ratio: {type: 'number'},
                flag: {type: 'boolean'},
                port: {'x-kubernetes-int-or-string': true},
                maybe: {type: 'string', nullable: true},
                data: {type: 'string', format: 'byte'},
                when: {type: 'string', format: 'date-time'},
                tags: {type: 'array', minItems: 1, maxItems: 2, items: {type: 'string'}},
                set: {type: 'array', 'x-kubernetes-list-type': 'set', items: {type: 'string'}},
                conds: {type: 'array', 'x-kubernetes-list-type': 'map',
                        'x-kubernetes-list-map-keys': ['type'],
                        items: {type: 'object', properties: {type: {type: 'string'}}}},
                labels: {type: 'object', additionalProperties: {type: 'string'}},
                any: {'x-kubernetes-preserve-unknown-fields': true},
                obj: {type: 'object', properties: {x: {type: 'integer'}}}}}}}
              """));

  static Stream<Arguments> cases() {
    return Stream.of(
        bad("missing required", "{}", "spec.name", Type.REQUIRED, "Required value"),
        bad(
            "string given to integer",
            "{name: 'ab', count: 'x'}",
            "spec.count",
            Type.TYPE_INVALID,
            "Invalid value: \"string\": spec.count in body must be of type integer: \"string\""),
        bad(
            "fraction given to integer",
            "{name: 'ab', count: 1.5}",
            "spec.count",
            Type.TYPE_INVALID,
            "Invalid value: \"number\": spec.count in body must be of type integer: \"number\""),
        bad(
            "object given to string",
            "{name: {}}",
            "spec.name",
            Type.TYPE_INVALID,
            "Invalid value: \"object\": spec.name in body must be of type string: \"object\""),
        bad(
            "null in non-nullable",
            "{name: 'ab', flag: null}",
            "spec.flag",
            Type.TYPE_INVALID,
            "Invalid value: \"null\": spec.flag in body must be of type boolean: \"null\""),
        bad(
            "boolean given to int-or-string",
            "{name: 'ab', port: true}",
            "spec.port",
            Type.TYPE_INVALID,
            "Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\""),
        bad(
            "enum",
            "{name: 'ab', mode: 'C'}",
            "spec.mode",
            Type.NOT_SUPPORTED,
            "Unsupported value: \"C\": supported values: \"A\", \"B\""),
        bad(
            "minLength",
            "{name: 'a'}",
            "spec.name",
            Type.INVALID,
            "Invalid value: \"a\": spec.name in body should be at least 2 chars long"),
        bad(
            "maxLength",
            "{name: 'abcdef'}",
            "spec.name",
            Type.TOO_LONG,
            "Too long: may not be more than 5 bytes"),
        bad(
            "pattern",
            "{name: 'AB'}",
            "spec.name",
            Type.INVALID,
            "Invalid value: \"AB\": spec.name in body should match '^[a-z]+$'"),
        bad(
            "minimum",
            "{name: 'ab', count: 0}",
            "spec.count",
            Type.INVALID,
            "Invalid value: 0: spec.count in body should be greater than or equal to 1"),
        bad(
            "maximum",
            "{name: 'ab', count: 4}",
            "spec.count",
            Type.INVALID,
            "Invalid value: 4: spec.count in body should be less than or equal to 3"),
        bad(
            "minItems",
            "{name: 'ab', tags: []}",
            "spec.tags",
            Type.INVALID,
            "Invalid value: 0: spec.tags in body should have at least 1 items"),
        bad(
            "maxItems",
            "{name: 'ab', tags: ['a', 'b', 'c']}",
            "spec.tags",
            Type.TOO_MANY,
            "Too many: 3: must have at most 2 items"),
        bad(
            "item type",
            "{name: 'ab', tags: [1]}",
            "spec.tags[0]",
            Type.TYPE_INVALID,
            "Invalid value: \"integer\": spec.tags[0] in body must be of type string: \"integer\""),
        bad(
            "set duplicates",
            "{name: 'ab', set: ['a', 'b', 'a']}",
            "spec.set[2]",
            Type.DUPLICATE,
            "Duplicate value: \"a\""),
        bad(
            "map list duplicates",
            "{name: 'ab', conds: [{type: 'R'}, {type: 'R'}]}",
            "spec.conds[1]",
            Type.DUPLICATE,
            "Duplicate value: {\"type\":\"R\"}"),
        bad(
            "map values",
            "{name: 'ab', labels: {a: 1}}",
            "spec.labels[a]",
            Type.TYPE_INVALID,
            "Invalid value: \"integer\": spec.labels[a] in body must be of type string: \"integer\""),
        bad(
            "byte format",
            "{name: 'ab', data: 'not base64!'}",
            "spec.data",
            Type.TYPE_INVALID,
            "Invalid value: \"not base64!\": spec.data in body must be of type byte: \"not base64!\""),
        bad(
            "date-time format",
            "{name: 'ab', when: 'yesterday'}",
            "spec.when",
            Type.TYPE_INVALID,
            "Invalid value: \"yesterday\": spec.when in body must be of type date-time: \"yesterday\""),
        bad(
            "nested",
            "{name: 'ab', obj: {x: 'y'}}",
            "spec.obj.x",
            Type.TYPE_INVALID,
            "Invalid value: \"string\": spec.obj.x in body must be of type integer: \"string\""));
  }

  private static Arguments bad(String name, String spec, String field, Type type, String message) {
    return Arguments.of(name, spec, field, type, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsOneErrorWithKubernetesPathKindAndMessage(
      String name, String spec, String field, Type type, String message) {
    List<FieldError> errors = SchemaValidator.validate(json("{spec: " + spec + "}"), SCHEMA);

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).field()).isEqualTo(field);
    assertThat(errors.get(0).type()).isEqualTo(type);
    assertThat(errors.get(0).message()).isEqualTo(message);
  }

  @Test
  void acceptsValidValues() {
    assertThat(
            SchemaValidator.validate(
                json(
                    """
                    {spec: {name: 'abc', mode: 'A', count: 2, ratio: 0.5, flag: true, port: 'http',
                            maybe: null, data: 'aGVsbG8=', when: '2026-08-01T10:00:00Z',
                            tags: ['a'], set: ['a', 'b'], conds: [{type: 'A'}, {type: 'B'}],
                            labels: {a: 'b'}, any: {x: [1, null]}, obj: {x: 1, unknown: 'ignored'}}}
                    """),
                SCHEMA))
        .isEmpty();
    assertThat(
            SchemaValidator.validate(json("{spec: {name: 'ab', port: 8080, count: 2.0}}"), SCHEMA))
        .isEmpty();
  }

  @Test
  void validatesASubtreeAtItsPath() {
    Schema status = Schemas.dataStore().properties().get("status");
    List<FieldError> errors =
        SchemaValidator.validate(
            json("{usedBy: 'x'}"),
            status,
            dev.controlplanes.kamaji.api.field.FieldPath.root("status"));

    assertThat(errors)
        .extracting(FieldError::toString)
        .containsExactly(
            "status.ready: Required value",
            "status.usedBy: Invalid value: \"string\": status.usedBy in body must be of type array:"
                + " \"string\"");
  }
}
