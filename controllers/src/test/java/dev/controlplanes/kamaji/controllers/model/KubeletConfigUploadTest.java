package dev.controlplanes.kamaji.controllers.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KubeletConfigUploadTest {

  @Test
  void theSpecsJsonPatchesApplyLastAndTheCgroupDriverComesFromTheSpec() {
    String content =
        KubeletConfigUpload.content(
            Fixtures.tcpWithSpec(
                "  kubernetes:\n"
                    + "    version: v1.34.10\n"
                    + "    kubelet:\n"
                    + "      cgroupfs: systemd\n"
                    + "      configurationJSONPatches:\n"
                    + "      - {op: replace, path: /maxPods, value: 250}\n"
                    + "      - {op: add, path: /serverTLSBootstrap, value: true}\n"
                    + "      - {op: remove, path: /failSwapOn}\n"));

    assertThat(content)
        .contains("cgroupDriver: systemd\n", "maxPods: 250\n", "serverTLSBootstrap: true\n")
        .doesNotContain("maxPods: 110", "failSwapOn");
  }

  @Test
  void withoutACgroupDriverTheKubeletChoosesItsOwn() {
    assertThat(KubeletConfigUpload.content(Fixtures.basic())).doesNotContain("cgroupDriver");
  }

  @Test
  void aPatchThatDoesNotApplyNamesTheField() {
    assertThatThrownBy(
            () ->
                KubeletConfigUpload.content(
                    Fixtures.tcpWithSpec(
                        "  kubernetes:\n"
                            + "    version: v1.34.10\n"
                            + "    kubelet:\n"
                            + "      configurationJSONPatches:\n"
                            + "      - {op: remove, path: /noSuchField}\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("spec.kubernetes.kubelet.configurationJSONPatches: ");
  }

  @Test
  void beforeKubernetes124TheConfigMapNameCarriesTheMinorAsKubeadmsDid() {
    assertThat(KubeletConfigUpload.name(Fixtures.basic())).isEqualTo("kubelet-config");
    assertThat(
            KubeletConfigUpload.name(
                Fixtures.tcpWithSpec("  kubernetes:\n    version: v1.23.17\n")))
        .isEqualTo("kubelet-config-1.23");
    assertThat(
            KubeletConfigUpload.role(Fixtures.tcpWithSpec("  kubernetes:\n    version: v1.23.17\n"))
                .getRules()
                .get(0)
                .getResourceNames())
        .containsExactly("kubelet-config-1.23");
  }
}
