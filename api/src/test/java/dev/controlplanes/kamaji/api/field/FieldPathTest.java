package dev.controlplanes.kamaji.api.field;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldPathTest {

  @Test
  void rendersChildrenIndexesAndKeysLikeKubernetes() {
    FieldPath network = FieldPath.root("spec").child("networkProfile");

    assertThat(network.child("certSANs").index(0)).hasToString("spec.networkProfile.certSANs[0]");
    assertThat(FieldPath.root("metadata").child("labels").key("app"))
        .hasToString("metadata.labels[app]");
    assertThat(network.child("certSANs").index(2).child("x"))
        .hasToString("spec.networkProfile.certSANs[2].x");
  }

  @Test
  void isImmutableAndComparesByRendering() {
    FieldPath spec = FieldPath.root("spec");
    FieldPath a = spec.child("a");

    assertThat(spec).hasToString("spec");
    assertThat(a).isEqualTo(FieldPath.of("spec.a")).hasSameHashCodeAs(FieldPath.of("spec.a"));
    assertThat(a.parent()).isEqualTo(spec);
    assertThat(a.lastSegment()).isEqualTo("a");
    assertThat(spec.index(1).lastSegment()).isEqualTo("[1]");
  }
}
