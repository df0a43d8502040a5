package dev.controlplanes.kamaji.controllers.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Secret;
import org.junit.jupiter.api.Test;

class OwnWritesTest {

  private final OwnWrites own = new OwnWrites();

  private static V1Secret secret(String name, String version) {
    return new V1Secret()
        .metadata(new V1ObjectMeta().namespace("ns").name(name).resourceVersion(version));
  }

  @Test
  void onlyTheRecordedVersionOfTheSameObjectIsAnEcho() {
    own.record(secret("a", "10"));

    assertThat(own.isEcho(secret("a", "11"))).isFalse();
    assertThat(own.isEcho(secret("b", "10"))).isFalse();
    assertThat(
            own.isEcho(
                new V1ConfigMap()
                    .metadata(new V1ObjectMeta().namespace("ns").name("a").resourceVersion("10"))))
        .as("another kind")
        .isFalse();
    assertThat(own.isEcho(secret("a", "10"))).isTrue();
    assertThat(own.size()).isZero();
  }

  @Test
  void keepsABoundedNumberOfVersionsPerObjectAndForgetsDeletedObjects() {
    for (int v = 1; v <= OwnWrites.PER_OBJECT + 5; v++) {
      own.record(secret("a", Integer.toString(v)));
    }
    own.record(secret("b", "1"));

    assertThat(own.isEcho(secret("a", "1"))).as("dropped as the oldest").isFalse();
    assertThat(own.isEcho(secret("a", Integer.toString(OwnWrites.PER_OBJECT + 5)))).isTrue();
    own.forget(secret("a", "0"));
    assertThat(own.size()).isEqualTo(1);
  }

  @Test
  void objectsWithoutAVersionAreNeverEchoes() {
    own.record(secret("a", null));

    assertThat(own.isEcho(secret("a", null))).isFalse();
    assertThat(own.size()).isZero();
  }
}
