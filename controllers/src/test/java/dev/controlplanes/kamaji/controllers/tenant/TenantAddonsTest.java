package dev.controlplanes.kamaji.controllers.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.JSON;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class TenantAddonsTest {

  private static TenantControlPlane tcp(String spec, String endpoint) {
    String yaml =
        "apiVersion: kamaji.clastix.io/v1alpha1\nkind: TenantControlPlane\n"
            + "metadata: {name: t, namespace: ns, uid: u}\n"
            + "spec: "
            + spec
            + "\nstatus: {controlPlaneEndpoint: '"
            + endpoint
            + "'}\n";
    Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    return JSON.deserialize(new Gson().toJson(doc), TenantControlPlane.class);
  }

  @Test
  void theKonnectivityAddonAppliesTheAgentsAndRemovesTheOtherWorkloadKind() {
    TenantAddons.Plan plan =
        TenantAddons.plan(
            tcp(
                "{kubernetes: {version: v1.35.7}, addons: {konnectivity: {agent: {mode: Deployment}}}}",
                "10.0.0.7:6443"));

    assertThat(plan.apply())
        .extracting(TenantRbac.TenantObject::path)
        .containsExactly(
            "/api/v1/namespaces/kube-system/serviceaccounts/konnectivity-agent",
            "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/system:konnectivity-server",
            "/apis/apps/v1/namespaces/kube-system/deployments/konnectivity-agent");
    assertThat(plan.apply().get(2).body().toString())
        .contains("--proxy-server-host=10.0.0.7")
        .contains("\"kind\":\"Deployment\"");
    assertThat(plan.remove())
        .containsExactly("/apis/apps/v1/namespaces/kube-system/daemonsets/konnectivity-agent");
  }

  @Test
  void withoutTheAddonKamajisAgentObjectsAreRemoved() {
    TenantAddons.Plan plan =
        TenantAddons.plan(tcp("{kubernetes: {version: v1.35.7}}", "10.0.0.7:6443"));

    assertThat(plan.apply()).isEmpty();
    assertThat(plan.remove()).hasSize(4);
  }

  @Test
  void theAgentsDialTheHostOfTheControlPlaneEndpoint() {
    assertThat(agentArgs("10.0.0.7:6443")).contains("--proxy-server-host=10.0.0.7");
    assertThat(agentArgs("[fd00::7]:6443")).contains("--proxy-server-host=fd00::7");
    assertThat(agentArgs("")).contains("--proxy-server-host");
  }

  /** The agents' arguments in the planned workload for a TCP at {@code endpoint}. */
  private static List<String> agentArgs(String endpoint) {
    TenantAddons.Plan plan =
        TenantAddons.plan(
            tcp("{kubernetes: {version: v1.35.7}, addons: {konnectivity: {}}}", endpoint));
    List<String> args = new ArrayList<>();
    plan.apply()
        .get(2)
        .body()
        .getAsJsonObject("spec")
        .getAsJsonObject("template")
        .getAsJsonObject("spec")
        .getAsJsonArray("containers")
        .get(0)
        .getAsJsonObject()
        .getAsJsonArray("args")
        .forEach(a -> args.add(a.getAsString()));
    return args;
  }
}
