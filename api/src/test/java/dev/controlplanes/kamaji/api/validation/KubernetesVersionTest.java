package dev.controlplanes.kamaji.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesVersionTest {

  @Test
  void parsesWithOrWithoutV() {
    KubernetesVersion v = KubernetesVersion.parse("v1.35.7-rc.1+build.5");
    assertThat(v.major()).isEqualTo(1);
    assertThat(v.minor()).isEqualTo(35);
    assertThat(v.patch()).isEqualTo(7);
    assertThat(v.preRelease()).containsExactly("rc", "1");
    assertThat(KubernetesVersion.parse("1.30.0")).hasToString("1.30.0");
    assertThat(v.withoutPatch()).hasToString("1.35.0-rc.1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"v1.30", "1", "", "v1.30.x", "v01.30.0", "v1.30.0-", "v1.30.0-01", "vv1.30.0"})
  void refusesNonVersions(String text) {
    assertThatThrownBy(() -> KubernetesVersion.parse(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "1.30.0, 1.31.0, -1",
    "1.30.1, 1.30.0, 1",
    "1.30.0-rc.1, 1.30.0, -1",
    "1.30.0-alpha, 1.30.0-beta, -1",
    "1.30.0-rc.2, 1.30.0-rc.10, -1",
    "1.30.0-rc.1, 1.30.0-rc.1.1, -1",
    "1.30.0-1, 1.30.0-a, -1",
    "1.30.0+a, 1.30.0+b, 0",
    "2.0.0, 1.99.99, 1",
  })
  void ordersLikeSemver(String a, String b, int sign) {
    assertThat(Integer.signum(KubernetesVersion.parse(a).compareTo(KubernetesVersion.parse(b))))
        .isEqualTo(sign);
  }
}
