package dev.controlplanes.kamaji.controllers.tenant;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.v1alpha1.AddonSpec;
import dev.controlplanes.kamaji.api.v1alpha1.AddonsSpec;
import dev.controlplanes.kamaji.api.v1alpha1.KonnectivitySpec;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.VersionState;
import dev.controlplanes.kamaji.controllers.kube.KubeJson;
import dev.controlplanes.kamaji.controllers.model.CoreDnsAddon;
import dev.controlplanes.kamaji.controllers.model.FreezeWebhook;
import dev.controlplanes.kamaji.controllers.model.KonnectivityAgent;
import dev.controlplanes.kamaji.controllers.model.KubeProxyAddon;
import dev.controlplanes.kamaji.controllers.model.KubeadmConfigUpload;
import dev.controlplanes.kamaji.controllers.model.KubeletConfigUpload;
import dev.controlplanes.kamaji.controllers.model.SpecDefaults;
import dev.controlplanes.kamaji.controllers.model.WritePermissionsWebhook;
import dev.controlplanes.kamaji.controllers.resources.ControlPlaneAddress;
import dev.controlplanes.kamaji.controllers.tenantcontrolplane.VersionStatus;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ValidatingWebhookConfiguration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tenant-side phase applies inside a tenant besides kubeadm's RBAC ({@link TenantRbac}):
 * kubeadm's uploaded configurations (kubeadm-config and kubelet-config with their readers' RBAC),
 * the write-permissions webhook while the TenantControlPlane is WriteLimited, and the addons it
 * enables (CoreDNS, kube-proxy, the konnectivity agents), in Kamaji's order; and the paths of
 * Kamaji's objects to remove for what it does not (or no longer in that form: the agents' other
 * workload kind). The CoreDNS and kube-proxy objects are owned by their ClusterRoleBinding, as
 * Kamaji makes them, so that removing it lets the tenant's garbage collector remove the rest. Pure.
 */
final class TenantAddons {

  private static final String CORE = "/api/v1";
  private static final String APPS = "/apis/apps/v1";
  private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1";
  private static final String KUBE_SYSTEM = "/namespaces/kube-system";

  /**
   * What to apply and what to remove, and which addons the plan applies ({@code agentKind} null
   * when it removes the konnectivity agents); {@code problems} names what the spec keeps out of the
   * plan (kubelet JSON patches that do not apply leave kubelet-config out, as they fail only
   * Kamaji's kubelet-config controller).
   */
  record Plan(
      List<String> removeFirst,
      List<TenantRbac.TenantObject> apply,
      List<String> remove,
      boolean coreDns,
      boolean kubeProxy,
      String agentKind,
      List<String> problems,
      boolean frozen) {}

  private TenantAddons() {}

  static Plan plan(TenantControlPlane tcp, StoredKubeadmConfig kubeadm, TenantWebhook webhook) {
    V1ValidatingWebhookConfiguration freeze =
        FreezeWebhook.build(webhook.serverUrl(), webhook.caBundle());
    if (VersionState.MIGRATING.equals(VersionStatus.stored(tcp))) {
      // The freeze denies writes to cluster-scoped objects and outside kube-system: while it is
      // in place nothing else can be applied, nor is there a reason to.
      return new Plan(
          List.of(), List.of(object(freeze, null)), List.of(), false, false, null, List.of(), true);
    }
    // A migrated tenant's data carries the freeze along: it goes before anything is applied.
    List<String> removeFirst = List.of(path(freeze));
    List<TenantRbac.TenantObject> apply = new ArrayList<>();
    List<String> remove = new ArrayList<>();
    apply.add(object(KubeadmConfigUpload.configMap(kubeadm.clusterConfiguration()), null));
    apply.add(object(KubeadmConfigUpload.role(), null));
    apply.add(object(KubeadmConfigUpload.roleBinding(), null));
    List<String> problems = new ArrayList<>();
    try {
      apply.add(object(KubeletConfigUpload.configMap(tcp), null));
      apply.add(object(KubeletConfigUpload.role(tcp), null));
      apply.add(object(KubeletConfigUpload.roleBinding(), null));
    } catch (IllegalArgumentException e) {
      problems.add("kubelet-config is not uploaded: " + e.getMessage());
    }

    AddonsSpec addons = SpecDefaults.spec(tcp).getAddons();
    AddonSpec coreDns = addons == null ? null : addons.getCoreDNS();
    if (coreDns == null) {
      // Kamaji's clean-up order.
      remove.add(path(CoreDnsAddon.serviceAccount()));
      remove.add(path(CoreDnsAddon.clusterRoleBinding()));
      remove.add(path(CoreDnsAddon.clusterRole()));
      remove.add(CORE + KUBE_SYSTEM + "/services/" + CoreDnsAddon.SERVICE);
      remove.add(CORE + KUBE_SYSTEM + "/configmaps/" + CoreDnsAddon.NAME);
      remove.add(APPS + KUBE_SYSTEM + "/deployments/" + CoreDnsAddon.NAME);
    } else {
      TenantRbac.TenantObject owner = object(CoreDnsAddon.clusterRoleBinding(), null);
      apply.add(owner);
      apply.add(object(CoreDnsAddon.deployment(coreDns, kubeadm.imageRepository()), owner.path()));
      apply.add(object(CoreDnsAddon.configMap(tcp), owner.path()));
      apply.add(object(CoreDnsAddon.service(tcp), owner.path()));
      apply.add(object(CoreDnsAddon.clusterRole(), owner.path()));
      apply.add(object(CoreDnsAddon.serviceAccount(), owner.path()));
    }

    AddonSpec kubeProxy = addons == null ? null : addons.getKubeProxy();
    if (kubeProxy == null) {
      remove.add(path(KubeProxyAddon.serviceAccount()));
      remove.add(path(KubeProxyAddon.clusterRoleBinding()));
      remove.add(path(KubeProxyAddon.role()));
      remove.add(path(KubeProxyAddon.roleBinding()));
      remove.add(CORE + KUBE_SYSTEM + "/configmaps/" + KubeProxyAddon.NAME);
      remove.add(APPS + KUBE_SYSTEM + "/daemonsets/" + KubeProxyAddon.NAME);
    } else {
      TenantRbac.TenantObject owner = object(KubeProxyAddon.clusterRoleBinding(), null);
      apply.add(owner);
      apply.add(object(KubeProxyAddon.serviceAccount(), owner.path()));
      apply.add(object(KubeProxyAddon.role(), owner.path()));
      apply.add(object(KubeProxyAddon.roleBinding(), owner.path()));
      apply.add(
          object(
              KubeProxyAddon.configMap(
                  kubeadm.controlPlaneEndpoint(), kubeadm.advertiseAddress(), kubeadm.podSubnet()),
              owner.path()));
      apply.add(
          object(KubeProxyAddon.daemonSet(kubeProxy, SpecDefaults.version(tcp)), owner.path()));
    }

    // Writes are blocked only while the TCP is WriteLimited, as Kamaji's soot controller does.
    V1ValidatingWebhookConfiguration writePermissions =
        WritePermissionsWebhook.build(tcp, webhook.serverUrl(), webhook.caBundle());
    if (VersionState.WRITE_LIMITED.equals(VersionStatus.stored(tcp))
        && SpecDefaults.writeLimited(tcp)) {
      apply.add(object(writePermissions, null));
    } else {
      remove.add(path(writePermissions));
    }

    KonnectivitySpec konnectivity = SpecDefaults.konnectivity(tcp);
    String agentKind = konnectivity == null ? null : KonnectivityAgent.kind(konnectivity);
    String agents = CORE + KUBE_SYSTEM + "/serviceaccounts/" + KonnectivityAgent.NAME;
    String daemonSet = APPS + KUBE_SYSTEM + "/daemonsets/" + KonnectivityAgent.NAME;
    String deployment = APPS + KUBE_SYSTEM + "/deployments/" + KonnectivityAgent.NAME;
    if (konnectivity == null) {
      remove.add(daemonSet);
      remove.add(deployment);
      remove.add(RBAC + "/clusterrolebindings/" + KonnectivityAgent.SERVER_USER);
      remove.add(agents);
    } else {
      apply.add(object(KonnectivityAgent.serviceAccount(tcp), null));
      apply.add(object(KonnectivityAgent.clusterRoleBinding(tcp), null));
      Object workload = KonnectivityAgent.workload(tcp, ControlPlaneAddress.known(tcp).orElse(""));
      apply.add(object((KubernetesObject) workload, null));
      remove.add(agentKind.equals(KonnectivityAgent.DEPLOYMENT) ? daemonSet : deployment);
    }
    return new Plan(
        removeFirst, apply, remove, coreDns != null, kubeProxy != null, agentKind, problems, false);
  }

  /** The object at the API path its apiVersion, kind, namespace and name give. */
  private static TenantRbac.TenantObject object(KubernetesObject object, String ownerPath) {
    JsonObject body = KubeJson.tree(object);
    return new TenantRbac.TenantObject(
        collection(object), object.getMetadata().getName(), body, ownerPath);
  }

  private static String path(KubernetesObject object) {
    return collection(object) + "/" + object.getMetadata().getName();
  }

  private static String collection(KubernetesObject object) {
    String apiVersion = object.getApiVersion();
    String group = apiVersion.contains("/") ? "/apis/" + apiVersion : CORE;
    String namespace = object.getMetadata().getNamespace();
    String kind = object.getKind().toLowerCase(java.util.Locale.ROOT);
    return group + (namespace == null ? "" : "/namespaces/" + namespace) + "/" + kind + "s";
  }
}
