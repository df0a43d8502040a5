package dev.controlplanes.kamaji.controllers.tenant;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.v1alpha1.KonnectivitySpec;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.kube.KubeJson;
import dev.controlplanes.kamaji.controllers.model.KonnectivityAgent;
import dev.controlplanes.kamaji.controllers.model.SpecDefaults;
import dev.controlplanes.kamaji.controllers.resources.ControlPlaneAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The addons' objects inside the tenant cluster: what to apply for the addons a TenantControlPlane
 * enables, and the paths of Kamaji's objects to remove for those it does not (or no longer in that
 * form: the agents' other workload kind). Today the konnectivity agents. Pure.
 */
final class TenantAddons {

  private static final String SERVICE_ACCOUNTS = "/api/v1/namespaces/kube-system/serviceaccounts";
  private static final String CLUSTER_ROLE_BINDINGS =
      "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings";
  private static final String DAEMON_SETS = "/apis/apps/v1/namespaces/kube-system/daemonsets";
  private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/kube-system/deployments";

  /** What to apply and what to remove. */
  record Plan(List<TenantRbac.TenantObject> apply, List<String> remove) {}

  private TenantAddons() {}

  static Plan plan(TenantControlPlane tcp) {
    KonnectivitySpec konnectivity = SpecDefaults.konnectivity(tcp);
    String agents = KonnectivityAgent.NAME;
    if (konnectivity == null) {
      return new Plan(
          List.of(),
          List.of(
              DAEMON_SETS + "/" + agents,
              DEPLOYMENTS + "/" + agents,
              CLUSTER_ROLE_BINDINGS + "/" + KonnectivityAgent.SERVER_USER,
              SERVICE_ACCOUNTS + "/" + agents));
    }
    List<TenantRbac.TenantObject> apply = new ArrayList<>();
    apply.add(
        object(SERVICE_ACCOUNTS, agents, KubeJson.tree(KonnectivityAgent.serviceAccount(tcp))));
    apply.add(
        object(
            CLUSTER_ROLE_BINDINGS,
            KonnectivityAgent.SERVER_USER,
            KubeJson.tree(KonnectivityAgent.clusterRoleBinding(tcp))));
    boolean deployment = KonnectivityAgent.kind(konnectivity).equals(KonnectivityAgent.DEPLOYMENT);
    apply.add(
        object(
            deployment ? DEPLOYMENTS : DAEMON_SETS,
            agents,
            KubeJson.tree(
                KonnectivityAgent.workload(tcp, ControlPlaneAddress.known(tcp).orElse("")))));
    return new Plan(apply, List.of((deployment ? DAEMON_SETS : DEPLOYMENTS) + "/" + agents));
  }

  private static TenantRbac.TenantObject object(String collection, String name, JsonObject body) {
    return new TenantRbac.TenantObject(collection, name, body);
  }
}
