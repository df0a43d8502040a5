package dev.controlplanes.kamaji.api.validation;

import static dev.controlplanes.kamaji.api.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.field.FieldError;
import dev.controlplanes.kamaji.api.field.FieldError.Type;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectMetaValidationTest {

  static Stream<Arguments> createCases() {
    return Stream.of(
        Arguments.of(
            "no name",
            "{namespace: 'ns'}",
            "metadata.name",
            Type.REQUIRED,
            "Required value: name or generateName is required"),
        Arguments.of(
            "bad subdomain",
            "{name: 'T_1', namespace: 'ns'}",
            "metadata.name",
            Type.INVALID,
            "Invalid value: \"T_1\": a lowercase RFC 1123 subdomain must consist of lower case"
                + " alphanumeric characters, '-' or '.', and must start and end with an"
                + " alphanumeric character (e.g. 'example.com', regex used for validation is"
                + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
        Arguments.of(
            "bad generateName",
            "{generateName: 'Tenant-', name: 'a', namespace: 'ns'}",
            "metadata.generateName",
            Type.INVALID,
            null),
        Arguments.of(
            "missing namespace",
            "{name: 'a'}",
            "metadata.namespace",
            Type.REQUIRED,
            "Required value"),
        Arguments.of(
            "namespace not a label",
            "{name: 'a', namespace: 'a.b'}",
            "metadata.namespace",
            Type.INVALID,
            "Invalid value: \"a.b\": must not contain dots"),
        Arguments.of(
            "negative generation",
            "{name: 'a', namespace: 'n', generation: -1}",
            "metadata.generation",
            Type.INVALID,
            "Invalid value: -1: must be greater than or equal to 0"),
        Arguments.of(
            "label key",
            "{name: 'a', namespace: 'n', labels: {'a/b/c': 'x'}}",
            "metadata.labels",
            Type.INVALID,
            null),
        Arguments.of(
            "label value",
            "{name: 'a', namespace: 'n', labels: {a: 'x y'}}",
            "metadata.labels",
            Type.INVALID,
            null),
        Arguments.of(
            "label value type",
            "{name: 'a', namespace: 'n', labels: {a: 1}}",
            "metadata.labels[a]",
            Type.TYPE_INVALID,
            null),
        Arguments.of(
            "annotation key",
            "{name: 'a', namespace: 'n', annotations: {'-a': 'x'}}",
            "metadata.annotations",
            Type.INVALID,
            null),
        Arguments.of(
            "finalizer",
            "{name: 'a', namespace: 'n', finalizers: ['a/b/c']}",
            "metadata.finalizers",
            Type.INVALID,
            null),
        Arguments.of(
            "orphan and foreground",
            "{name: 'a', namespace: 'n', finalizers: ['orphan', 'foregroundDeletion']}",
            "metadata.finalizers",
            Type.INVALID,
            null),
        Arguments.of(
            "owner without uid",
            "{name: 'a', namespace: 'n', ownerReferences: [{apiVersion: 'v1', kind: 'K', name: 'o'}]}",
            "metadata.ownerReferences[0].uid",
            Type.REQUIRED,
            "Required value: must not be empty"),
        Arguments.of(
            "owner bad apiVersion",
            "{name: 'a', namespace: 'n', ownerReferences: [{apiVersion: 'a/b/c', kind: 'K', name: 'o', uid: 'u'}]}",
            "metadata.ownerReferences[0].apiVersion",
            Type.INVALID,
            "Invalid value: \"a/b/c\": must be <group>/<version> or <version>"),
        Arguments.of(
            "two controllers",
            "{name: 'a', namespace: 'n', ownerReferences: ["
                + "{apiVersion: 'v1', kind: 'A', name: 'x', uid: '1', controller: true},"
                + "{apiVersion: 'v1', kind: 'B', name: 'y', uid: '2', controller: true}]}",
            "metadata.ownerReferences",
            Type.INVALID,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("createCases")
  void create(String name, String metadata, String field, Type type, String message) {
    List<FieldError> errors =
        ObjectMetaValidation.validateCreate(
            json(metadata), true, ObjectMetaValidation.DNS_SUBDOMAIN);

    assertThat(errors)
        .extracting(FieldError::field, FieldError::type)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(field, type));
    if (message != null) {
      assertThat(errors.get(0).message()).isEqualTo(message);
    }
  }

  @Test
  void acceptsGoodMetadata() {
    assertThat(
            ObjectMetaValidation.validateCreate(
                json(
                    """
                    {name: 'tenant-1', namespace: 'tenants', labels: {'tenant.clastix.io': 't1'},
                     annotations: {'Example.com/Note': 'anything goes here'},
                     finalizers: ['kamaji.clastix.io/finalizer'],
                     ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: 'u'}]}
                    """),
                true,
                ObjectMetaValidation.DNS_1035_LABEL))
        .isEmpty();
  }

  @Test
  void clusterScopedObjectsHaveNoNamespace() {
    assertThat(
            ObjectMetaValidation.validateCreate(
                json("{name: 'etcd', namespace: 'x'}"), false, ObjectMetaValidation.DNS_SUBDOMAIN))
        .extracting(FieldError::toString)
        .containsExactly("metadata.namespace: Forbidden: not allowed on this type");
  }

  @Test
  void annotationsAreLimitedTo256KiB() {
    JsonObject metadata = json("{name: 'a', namespace: 'n', annotations: {}}");
    metadata.getAsJsonObject("annotations").addProperty("big", "x".repeat(256 * 1024));

    assertThat(ObjectMetaValidation.validateCreate(metadata, true, ObjectMetaValidation.DNS_LABEL))
        .extracting(FieldError::toString)
        .containsExactly("metadata.annotations: Too long: may not be more than 262144 bytes");
  }

  @Test
  void generateNamePrefixMayEndWithADash() {
    assertThat(
            ObjectMetaValidation.validateCreate(
                json("{generateName: 'tenant-', name: 'tenant-x7k2p', namespace: 'n'}"),
                true,
                ObjectMetaValidation.DNS_1035_LABEL))
        .isEmpty();
  }

  @Test
  void updateKeepsIdentityFieldsAndNeedsAResourceVersion() {
    JsonObject old =
        json(
            """
            {name: 'a', namespace: 'n', uid: 'u1', resourceVersion: '5', generation: 3,
             creationTimestamp: '2026-08-01T10:00:00Z'}
            """);
    JsonObject next =
        json(
            """
            {name: 'b', namespace: 'n', uid: 'u2', generation: 2,
             creationTimestamp: '2026-08-01T10:00:00Z'}
            """);

    assertThat(ObjectMetaValidation.validateUpdate(next, old))
        .extracting(FieldError::toString)
        .containsExactly(
            "metadata.resourceVersion: Invalid value: \"\": must be specified for an update",
            "metadata.generation: Invalid value: 2: must not be decremented",
            "metadata.name: Invalid value: \"b\": field is immutable",
            "metadata.uid: Invalid value: \"u2\": field is immutable");
  }

  @Test
  void noNewFinalizersWhileDeleting() {
    JsonObject old =
        json("{name: 'a', resourceVersion: '1', deletionTimestamp: 't', finalizers: ['x/a']}");
    JsonObject next =
        json(
            "{name: 'a', resourceVersion: '1', deletionTimestamp: 't', finalizers: ['x/a', 'x/c', 'x/b']}");

    assertThat(ObjectMetaValidation.validateUpdate(next, old))
        .extracting(FieldError::toString)
        .containsExactly(
            "metadata.finalizers: Forbidden: no new finalizers can be added if the object is being"
                + " deleted, found new finalizers []string{\"x/b\", \"x/c\"}");
  }

  @Test
  void warnsAboutFinalizersWithoutADomain() {
    assertThat(
            ObjectMetaValidation.finalizerWarnings(
                json("{finalizers: ['kamaji.clastix.io/ds', 'orphan', 'cleanup', 7]}")))
        .containsExactly(
            "metadata.finalizers: \"cleanup\": prefer a domain-qualified finalizer name including a"
                + " path (/) to avoid accidental conflicts with other finalizer writers");
    assertThat(ObjectMetaValidation.finalizerWarnings(json("{}"))).isEmpty();
  }
}
