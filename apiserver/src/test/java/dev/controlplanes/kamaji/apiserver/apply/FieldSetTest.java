package dev.controlplanes.kamaji.apiserver.apply;

import static dev.controlplanes.kamaji.apiserver.apply.Fixtures.SCHEMA;
import static dev.controlplanes.kamaji.apiserver.apply.Fixtures.json;
import static dev.controlplanes.kamaji.apiserver.apply.Fixtures.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldSetTest {

  private static final String KUBE_FIELDS =
      "{\"f:metadata\":{\"f:finalizers\":{\".\":{},\"v:\\\"kamaji.clastix.io/finalizer\\\"\":{}},"
          + "\"f:labels\":{\".\":{},\"f:app\":{}}},"
          + "\"f:spec\":{\".\":{},\"f:addons\":{\"k:{\\\"name\\\":\\\"coredns\\\"}\":"
          + "{\".\":{},\"f:image\":{},\"f:name\":{}}},\"f:certSANs\":{},\"f:replicas\":{}},"
          + "\"f:status\":{\"f:x\":{\"i:0\":{}}}}";

  @Test
  void fieldsV1RoundTripKeepsKubesEncoding() {
    FieldSet set = FieldSet.fromFieldsV1(json(KUBE_FIELDS));

    assertThat(set.toFieldsV1()).isEqualTo(json(KUBE_FIELDS));
    assertThat(set.toFieldsV1().toString()).isEqualTo(KUBE_FIELDS);
    assertThat(set.has(FieldPath.of("spec"))).isTrue();
    assertThat(set.has(FieldPath.of("metadata"))).isFalse();
    assertThat(set.has(FieldPath.of("metadata", "labels", "app"))).isTrue();
    // structured-merge-diff's iteration order: a level's members, then its children.
    assertThat(set.paths())
        .extracting(FieldPath::toString)
        .containsExactly(
            ".spec",
            ".metadata.finalizers",
            ".metadata.labels",
            ".metadata.finalizers[=\"kamaji.clastix.io/finalizer\"]",
            ".metadata.labels.app",
            ".spec.certSANs",
            ".spec.replicas",
            ".spec.addons[name=\"coredns\"]",
            ".spec.addons[name=\"coredns\"].image",
            ".spec.addons[name=\"coredns\"].name",
            ".status.x[0]");
  }

  @Test
  void encodingSortsElementsAndCanonicalizesKeys() {
    PathElement key =
        PathElement.key(Map.of("protocol", new JsonPrimitive("TCP"), "port", json("80.0")));
    FieldSet set =
        FieldSet.of(
            FieldPath.of("spec", "z"),
            FieldPath.of(PathElement.field("spec"), PathElement.field("ports"), key),
            FieldPath.of(
                PathElement.field("spec"),
                PathElement.field("tags"),
                new PathElement.Value(new JsonPrimitive("<a&b>"))),
            FieldPath.of("spec", "a"));

    assertThat(set.toFieldsV1().toString())
        .isEqualTo(
            "{\"f:spec\":{\"f:a\":{},\"f:ports\":{\"k:{\\\"port\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{}},"
                + "\"f:tags\":{\"v:\\\"\\\\u003ca\\\\u0026b\\\\u003e\\\"\":{}},\"f:z\":{}}}");
    assertThat(FieldSet.fromFieldsV1(set.toFieldsV1())).isEqualTo(set);
    assertThat(set.paths().get(2).toString()).isEqualTo(".spec.ports[port=80,protocol=\"TCP\"]");
  }

  @Test
  void decodingIgnoresUnknownPrefixesAndRejectsGarbage() {
    assertThat(FieldSet.fromFieldsV1(json("{\"f:a\":{\"x:future\":{}},\"z:b\":{}}")))
        .isEqualTo(FieldSet.of(FieldPath.of("a")));
    assertThat(FieldSet.fromFieldsV1(json("{}")).isEmpty()).isTrue();

    for (String bad :
        new String[] {
          "{\"f:a\":1}", "{\"v:abc\":{}}", "{\"k:[1]\":{}}", "{\"i:x\":{}}", "{\"a\":{}}", "[]"
        }) {
      assertThatThrownBy(() -> FieldSet.fromFieldsV1(json(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void setAlgebra() {
    FieldSet a =
        FieldSet.of(FieldPath.of("spec"), FieldPath.of("spec", "a"), FieldPath.of("spec", "b"));
    FieldSet b = FieldSet.of(FieldPath.of("spec", "b"), FieldPath.of("spec", "c"));

    assertThat(a.union(b))
        .isEqualTo(
            FieldSet.of(
                FieldPath.of("spec"),
                FieldPath.of("spec", "a"),
                FieldPath.of("spec", "b"),
                FieldPath.of("spec", "c")));
    assertThat(a.intersection(b)).isEqualTo(FieldSet.of(FieldPath.of("spec", "b")));
    assertThat(a.difference(b))
        .isEqualTo(FieldSet.of(FieldPath.of("spec"), FieldPath.of("spec", "a")));
    assertThat(a.difference(FieldSet.of(FieldPath.of("spec"))))
        .as("difference is not recursive")
        .isEqualTo(FieldSet.of(FieldPath.of("spec", "a"), FieldPath.of("spec", "b")));
    assertThat(a.recursiveDifference(FieldSet.of(FieldPath.of("spec")))).isEqualTo(FieldSet.EMPTY);
    assertThat(a.leaves())
        .isEqualTo(FieldSet.of(FieldPath.of("spec", "a"), FieldPath.of("spec", "b")));
    assertThat(a.withPrefix(PathElement.field("spec")))
        .isEqualTo(FieldSet.of(FieldPath.of("a"), FieldPath.of("b")));
    assertThat(a.size()).isEqualTo(3);
    assertThat(b.difference(b).isEmpty()).isTrue();
  }

  @Test
  void fieldsOfAnObjectFollowTheSchema() {
    JsonObject object =
        obj(
            """
            {"apiVersion":"kamaji.clastix.io/v1alpha1","kind":"TenantControlPlane",
             "metadata":{"name":"t1","labels":{"app":"x"},"finalizers":["f1"],
               "ownerReferences":[{"uid":"u1","name":"o","kind":"K","apiVersion":"v1"}]},
             "spec":{"replicas":2,"kubernetes":{"version":"v1.30.0","kubelet":{}},
               "addons":[{"name":"coredns","image":"c","args":["-v"]}],
               "tags":["a","b"],"certSANs":["x","y"],"selector":{"k":"v"},
               "extra":{"free":{"form":1},"list":[1,2]},"undeclared":{"x":1}}}
            """);

    FieldSet set = FieldSet.fromObject(object, SCHEMA);

    assertThat(set.toFieldsV1())
        .isEqualTo(
            json(
"""
{"f:apiVersion":{},"f:kind":{},
 "f:metadata":{"f:finalizers":{"v:\\"f1\\"":{}},"f:labels":{"f:app":{}},"f:name":{},
   "f:ownerReferences":{"k:{\\"uid\\":\\"u1\\"}":{}}},
 "f:spec":{"f:addons":{"k:{\\"name\\":\\"coredns\\"}":{".":{},"f:args":{},"f:image":{},"f:name":{}}},
   "f:certSANs":{},
   "f:extra":{"f:free":{".":{},"f:form":{}},"f:list":{}},
   "f:kubernetes":{"f:kubelet":{},"f:version":{}},
   "f:replicas":{},"f:selector":{},"f:tags":{"v:\\"a\\"":{},"v:\\"b\\"":{}},
   "f:undeclared":{".":{},"f:x":{}}}}
"""));
  }

  @Test
  void listItemsThatCannotBeIdentifiedAreRejected() {
    assertThatThrownBy(
            () -> FieldSet.fromObject(Fixtures.tcp("{\"addons\":[{\"image\":\"x\"}]}"), SCHEMA))
        .isInstanceOf(ApplyException.class)
        .hasMessageContaining(
            ".spec.addons: associative list with keys has an element that omits all key fields"
                + " [name]");
    assertThatThrownBy(() -> FieldSet.fromObject(Fixtures.tcp("{\"tags\":[{\"a\":1}]}"), SCHEMA))
        .isInstanceOf(ApplyException.class);
  }
}
