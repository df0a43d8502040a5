package dev.controlplanes.kamaji.controllers.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.JSON;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /** What the reconcile pass stores in {@code <tcp>-kubeadmconfig}, reduced to what is read. */
  static final StoredKubeadmConfig KUBEADM =
      StoredKubeadmConfig.parse(
          Map.of(
              "InitConfiguration",
              "{\"localAPIEndpoint\": {\"advertiseAddress\": \"10.0.0.7\"}}",
              "ClusterConfiguration",
              "{\"apiVersion\": \"kubeadm.k8s.io/v1beta4\", \"kind\": \"ClusterConfiguration\","
                  + " \"controlPlaneEndpoint\": \"10.0.0.7:6443\","
                  + " \"imageRepository\": \"registry.k8s.io\","
                  + " \"networking\": {\"podSubnet\": \"10.244.0.0/16\"}}"));

  static final TenantWebhook WEBHOOK =
      new TenantWebhook("https://kamaji-api.kamaji-system.svc:443", "ca".getBytes());

  /** Records {@code state} as the TCP's {@code version.status}, as a pass would. */
  private static void inState(TenantControlPlane tcp, String state) {
    tcp.getStatus()
        .kubernetesResources(
            new dev.controlplanes.kamaji.api.v1alpha1.KubernetesResourcesStatus()
                .version(
                    new dev.controlplanes.kamaji.api.v1alpha1.KubernetesVersionStatus()
                        .status(state)));
  }

  private static List<String> paths(List<TenantRbac.TenantObject> objects) {
    return objects.stream().map(TenantRbac.TenantObject::path).toList();
  }

  private static final List<String> UPLOADS =
      List.of(
          "/api/v1/namespaces/kube-system/configmaps/kubeadm-config",
          "/apis/rbac.authorization.k8s.io/v1/namespaces/kube-system/roles/kubeadm:nodes-kubeadm-config",
          "/apis/rbac.authorization.k8s.io/v1/namespaces/kube-system/rolebindings/kubeadm:nodes-kubeadm-config",
          "/api/v1/namespaces/kube-system/configmaps/kubelet-config",
          "/apis/rbac.authorization.k8s.io/v1/namespaces/kube-system/roles/kubeadm:kubelet-config",
          "/apis/rbac.authorization.k8s.io/v1/namespaces/kube-system/rolebindings/kubeadm:kubelet-config");

  @Test
  void everyTenantGetsKubeadmsUploadedConfigurationsAndTheirReaders() {
    TenantAddons.Plan plan =
        TenantAddons.plan(
            tcp("{kubernetes: {version: v1.34.10}}", "10.0.0.7:6443"), KUBEADM, WEBHOOK);

    assertThat(paths(plan.apply())).containsExactlyElementsOf(UPLOADS);
    assertThat(
            plan.apply()
                .get(0)
                .body()
                .getAsJsonObject("data")
                .get("ClusterConfiguration")
                .getAsString())
        .startsWith("apiVersion: kubeadm.k8s.io/v1beta4\ncontrolPlaneEndpoint: 10.0.0.7:6443\n");
    assertThat(plan.apply().get(3).body().getAsJsonObject("data").get("kubelet").getAsString())
        .contains("clusterDomain: cluster.local\n", "rotateCertificates: true\n");
    assertThat(plan.apply()).allMatch(o -> o.ownerPath() == null);
  }

  @Test
  void kubeletPatchesThatDoNotApplyLeaveOnlyKubeletConfigOut() {
    TenantAddons.Plan plan =
        TenantAddons.plan(
            tcp(
                "{kubernetes: {version: v1.34.10, kubelet: {configurationJSONPatches:"
                    + " [{op: replace, path: /cgroupDriver, value: systemd}]}},"
                    + " addons: {coreDNS: {}}}",
                "10.0.0.7:6443"),
            KUBEADM,
            WEBHOOK);

    assertThat(plan.problems())
        .singleElement()
        .asString()
        .startsWith(
            "kubelet-config is not uploaded: spec.kubernetes.kubelet.configurationJSONPatches");
    assertThat(paths(plan.apply()))
        .contains("/api/v1/namespaces/kube-system/configmaps/kubeadm-config")
        .contains("/apis/apps/v1/namespaces/kube-system/deployments/coredns")
        .noneMatch(p -> p.contains("kubelet-config"));
  }

  @Test
  void coreDnsAndKubeProxyAreAppliedOwnedByTheirClusterRoleBindings() {
    TenantAddons.Plan plan =
        TenantAddons.plan(
            tcp(
                "{kubernetes: {version: v1.34.10}, networkProfile: {dnsServiceIPs: [10.96.0.10]},"
                    + " addons: {coreDNS: {}, kubeProxy: {imageTag: v1.34.9}}}",
                "10.0.0.7:6443"),
            KUBEADM,
            WEBHOOK);

    List<TenantRbac.TenantObject> addons =
        plan.apply().subList(UPLOADS.size(), plan.apply().size());
    String coreDns = "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/system:coredns";
    String kubeProxy =
        "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kubeadm:node-proxier";
    assertThat(paths(addons))
        .containsExactly(
            coreDns,
            "/apis/apps/v1/namespaces/kube-system/deployments/coredns",
            "/api/v1/namespaces/kube-system/configmaps/coredns",
            "/api/v1/namespaces/kube-system/services/kube-dns",
            "/apis/rbac.authorization.k8s.io/v1/clusterroles/system:coredns",
            "/api/v1/namespaces/kube-system/serviceaccounts/coredns",
            kubeProxy,
            "/api/v1/namespaces/kube-system/serviceaccounts/kube-proxy",
            "/apis/rbac.authorization.k8s.io/v1/namespaces/kube-system/roles/kube-proxy",
            "/apis/rbac.authorization.k8s.io/v1/namespaces/kube-system/rolebindings/kube-proxy",
            "/api/v1/namespaces/kube-system/configmaps/kube-proxy",
            "/apis/apps/v1/namespaces/kube-system/daemonsets/kube-proxy");
    assertThat(addons.subList(1, 6)).allMatch(o -> coreDns.equals(o.ownerPath()));
    assertThat(addons.subList(7, 12)).allMatch(o -> kubeProxy.equals(o.ownerPath()));
    assertThat(addons.get(1).body().toString())
        .contains("\"image\":\"registry.k8s.io/coredns/coredns:v1.12.1\"");
    assertThat(addons.get(3).body().getAsJsonObject("spec").get("clusterIP").getAsString())
        .isEqualTo("10.96.0.10");
    assertThat(addons.get(10).body().getAsJsonObject("data").get("kubeconfig.conf").getAsString())
        .contains("server: https://10.0.0.7:6443\n");
    assertThat(addons.get(10).body().getAsJsonObject("data").get("config.conf").getAsString())
        .contains("bindAddress: 0.0.0.0\n", "clusterCIDR: 10.244.0.0/16\n");
    assertThat(addons.get(11).body().toString())
        .contains("\"image\":\"registry.k8s.io/kube-proxy:v1.34.9\"");
    assertThat(plan.remove())
        .hasSize(5)
        .contains(
            "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/kamaji-write-permissions")
        .filteredOn(p -> !p.contains("write-permissions"))
        .allMatch(p -> p.contains("konnectivity"));
  }

  @Test
  void withoutAddonsKamajisObjectsOfEachAreRemoved() {
    TenantAddons.Plan plan =
        TenantAddons.plan(
            tcp("{kubernetes: {version: v1.34.10}}", "10.0.0.7:6443"), KUBEADM, WEBHOOK);

    assertThat(plan.remove())
        .hasSize(17)
        .contains(
            "/apis/apps/v1/namespaces/kube-system/deployments/coredns",
            "/api/v1/namespaces/kube-system/services/kube-dns",
            "/apis/rbac.authorization.k8s.io/v1/clusterroles/system:coredns",
            "/apis/apps/v1/namespaces/kube-system/daemonsets/kube-proxy",
            "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kubeadm:node-proxier",
            "/apis/rbac.authorization.k8s.io/v1/namespaces/kube-system/rolebindings/kube-proxy",
            "/apis/apps/v1/namespaces/kube-system/daemonsets/konnectivity-agent");
  }

  @Test
  void theKonnectivityAddonAppliesTheAgentsAndRemovesTheOtherWorkloadKind() {
    TenantAddons.Plan plan =
        TenantAddons.plan(
            tcp(
                "{kubernetes: {version: v1.35.7}, addons: {konnectivity: {agent: {mode: Deployment}}}}",
                "10.0.0.7:6443"),
            KUBEADM,
            WEBHOOK);

    assertThat(paths(plan.apply()).subList(UPLOADS.size(), plan.apply().size()))
        .containsExactly(
            "/api/v1/namespaces/kube-system/serviceaccounts/konnectivity-agent",
            "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/system:konnectivity-server",
            "/apis/apps/v1/namespaces/kube-system/deployments/konnectivity-agent");
    assertThat(plan.apply().get(UPLOADS.size() + 2).body().toString())
        .contains("--proxy-server-host=10.0.0.7")
        .contains("\"kind\":\"Deployment\"");
    assertThat(plan.remove())
        .endsWith("/apis/apps/v1/namespaces/kube-system/daemonsets/konnectivity-agent")
        .doesNotContain("/apis/apps/v1/namespaces/kube-system/deployments/konnectivity-agent");
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
            tcp("{kubernetes: {version: v1.35.7}, addons: {konnectivity: {}}}", endpoint),
            KUBEADM,
            WEBHOOK);
    List<String> args = new ArrayList<>();
    plan.apply()
        .get(UPLOADS.size() + 2)
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

  @Test
  void aWriteLimitedTenantGetsTheWebhookThatSendsItsBlockedOperationsToUs() {
    TenantControlPlane limited =
        tcp(
            "{kubernetes: {version: v1.34.10}, writePermissions: {blockCreation: true, blockDeletion: true}}",
            "10.0.0.7:6443");
    inState(limited, "WriteLimited");

    TenantAddons.Plan plan = TenantAddons.plan(limited, KUBEADM, WEBHOOK);

    TenantRbac.TenantObject webhook =
        plan.apply().stream()
            .filter(o -> o.name().equals("kamaji-write-permissions"))
            .findFirst()
            .orElseThrow();
    String body = webhook.body().toString();
    assertThat(body)
        .contains("\"url\":\"https://kamaji-api.kamaji-system.svc:443/write-permission\"")
        .contains("\"operations\":[\"CREATE\",\"DELETE\"]")
        .contains("\"values\":[\"kube-system\",\"kube-node-lease\"]")
        .contains("\"failurePolicy\":\"Fail\"");
    assertThat(plan.remove()).noneMatch(p -> p.contains("write-permissions"));

    // Not yet WriteLimited (a pass records it first): nothing is blocked.
    TenantControlPlane notYet =
        tcp(
            "{kubernetes: {version: v1.34.10}, writePermissions: {blockUpdate: true}}",
            "10.0.0.7:6443");
    assertThat(paths(TenantAddons.plan(notYet, KUBEADM, WEBHOOK).apply()))
        .noneMatch(p -> p.contains("write-permissions"));
  }

  @Test
  void aMigratingTenantGetsOnlyTheFreezeWhichGoesFirstOnceTheMigrationIsOver() {
    TenantControlPlane migrating =
        tcp("{kubernetes: {version: v1.34.10}, addons: {coreDNS: {}}}", "10.0.0.7:6443");
    inState(migrating, "Migrating");

    TenantAddons.Plan frozen = TenantAddons.plan(migrating, KUBEADM, WEBHOOK);

    assertThat(frozen.frozen()).isTrue();
    assertThat(paths(frozen.apply()))
        .containsExactly(
            "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/kamaji-freeze");
    assertThat(frozen.removeFirst()).isEmpty();
    assertThat(frozen.remove()).isEmpty();
    String body = frozen.apply().get(0).body().toString();
    assertThat(body)
        .contains("\"name\":\"leases.migrate.kamaji.clastix.io\"")
        .contains("\"name\":\"catchall.migrate.kamaji.clastix.io\"")
        .contains("\"url\":\"https://kamaji-api.kamaji-system.svc:443/migrate\"")
        .contains("\"operations\":[\"CREATE\",\"DELETE\"]")
        .contains("\"operations\":[\"*\"]")
        .contains("\"values\":[\"kube-system\",\"kube-node-lease\"]")
        .contains("\"failurePolicy\":\"Fail\"");

    // Ready again: the freeze (copied along with the data) is deleted before anything is applied.
    TenantAddons.Plan thawed =
        TenantAddons.plan(
            tcp("{kubernetes: {version: v1.34.10}, addons: {coreDNS: {}}}", "10.0.0.7:6443"),
            KUBEADM,
            WEBHOOK);
    assertThat(thawed.frozen()).isFalse();
    assertThat(thawed.removeFirst())
        .containsExactly(
            "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/kamaji-freeze");
    assertThat(paths(thawed.apply())).noneMatch(p -> p.contains("kamaji-freeze"));
  }
}
