package dev.controlplanes.kamaji.apiserver.registry.tenantcontrolplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.apiserver.errors.StatusException;
import org.junit.jupiter.api.Test;

class KubeconfigSubresourceTest {

  @Test
  void queryOptionsChooseTheSecretKey() {
    assertThat(KubeconfigSubresource.key(null, null)).isEqualTo("admin.conf");
    assertThat(KubeconfigSubresource.key("", "internal")).isEqualTo("admin.svc");
    assertThat(KubeconfigSubresource.key("admin", "")).isEqualTo("admin.conf");
    assertThat(KubeconfigSubresource.key("admin", "internal")).isEqualTo("admin.svc");
    assertThat(KubeconfigSubresource.key("super-admin", "external")).isEqualTo("super-admin.conf");
    assertThat(KubeconfigSubresource.key("super-admin", "internal")).isEqualTo("super-admin.svc");
  }

  @Test
  void unknownValuesAreBadRequests() {
    assertThatThrownBy(() -> KubeconfigSubresource.key("root", null))
        .isInstanceOfSatisfying(
            StatusException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.getMessage()).contains("user", "root", "admin, super-admin");
            });
    assertThatThrownBy(() -> KubeconfigSubresource.key("admin", "public"))
        .isInstanceOfSatisfying(
            StatusException.class, e -> assertThat(e.getMessage()).contains("endpoint", "public"));
  }
}
