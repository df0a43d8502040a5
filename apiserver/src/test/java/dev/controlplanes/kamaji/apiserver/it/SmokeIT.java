package dev.controlplanes.kamaji.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.apiserver.testing.ApiServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmokeIT {

  @RegisterExtension static ApiServerExtension api = new ApiServerExtension();

  @Test
  void kubectlSeesTheApi() {
    var k = api.kubectl("admin");
    System.out.println(k.run("api-resources").stdout());
    System.out.println(k.run("get", "tcp", "-A").stderr());
    System.out.println(k.run("get", "--raw", "/apis/kamaji.clastix.io/v1alpha1").stdout());
    var r = k.run("get", "datastores");
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(0);
  }
}
