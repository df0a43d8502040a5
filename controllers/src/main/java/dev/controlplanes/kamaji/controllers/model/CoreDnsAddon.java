package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.AddonSpec;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.RbacV1Subject;
import io.kubernetes.client.openapi.models.V1Affinity;
import io.kubernetes.client.openapi.models.V1Capabilities;
import io.kubernetes.client.openapi.models.V1ClusterRole;
import io.kubernetes.client.openapi.models.V1ClusterRoleBinding;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapVolumeSource;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1DeploymentStrategy;
import io.kubernetes.client.openapi.models.V1HTTPGetAction;
import io.kubernetes.client.openapi.models.V1KeyToPath;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1LabelSelectorRequirement;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodAffinityTerm;
import io.kubernetes.client.openapi.models.V1PodAntiAffinity;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import io.kubernetes.client.openapi.models.V1RoleRef;
import io.kubernetes.client.openapi.models.V1RollingUpdateDeployment;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import io.kubernetes.client.openapi.models.V1Toleration;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.openapi.models.V1WeightedPodAffinityTerm;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CoreDNS addon inside a tenant (reference §3.4 item 5): kubeadm v1.34's DNS addon objects
 * (ServiceAccount and Deployment {@code coredns}, its ConfigMap with the Corefile, ClusterRole and
 * ClusterRoleBinding {@code system:coredns}, Service {@code kube-dns}) with Kamaji's project label.
 * The Service takes the first of {@code networkProfile.dnsServiceIPs}, the address the kubelets are
 * told ({@link KubeletConfigUpload}), and all of them, dual-stack, when there are several. Pure.
 */
public final class CoreDnsAddon {

  public static final String NAME = "coredns";
  public static final String NAMESPACE = "kube-system";
  public static final String SERVICE = "kube-dns";
  public static final String CLUSTER_ROLE = "system:coredns";

  /** kubeadm v1.34's CoreDNS version ({@code constants.CoreDNSVersion}). */
  public static final String VERSION = "v1.12.1";

  static final int REPLICAS = 2;
  private static final String RBAC = "rbac.authorization.k8s.io";
  private static final Map<String, String> APP = Map.of("k8s-app", SERVICE);

  private CoreDnsAddon() {}

  /**
   * The image: the addon's repository (else the cluster's, where CoreDNS lives under {@code
   * coredns/}) and tag (else {@link #VERSION}). Unlike Kamaji, which reads the tag only when a
   * repository is set too, a tag alone is honoured.
   */
  public static String image(AddonSpec addon, String clusterImageRepository) {
    String repository = SpecDefaults.nonEmptyOr(addon.getImageRepository(), clusterImageRepository);
    if (repository.equals(SpecDefaults.REGISTRY)) {
      repository = repository + "/coredns";
    }
    return repository + "/coredns:" + SpecDefaults.nonEmptyOr(addon.getImageTag(), VERSION);
  }

  public static V1ServiceAccount serviceAccount() {
    return new V1ServiceAccount()
        .apiVersion("v1")
        .kind("ServiceAccount")
        .metadata(AddonMetadata.of(NAME, NAMESPACE, Map.of()));
  }

  public static V1ClusterRole clusterRole() {
    return new V1ClusterRole()
        .apiVersion(RBAC + "/v1")
        .kind("ClusterRole")
        .metadata(AddonMetadata.of(CLUSTER_ROLE, null, Map.of()))
        .rules(
            List.of(
                new V1PolicyRule()
                    .apiGroups(List.of(""))
                    .resources(List.of("endpoints", "services", "pods", "namespaces"))
                    .verbs(List.of("list", "watch")),
                new V1PolicyRule()
                    .apiGroups(List.of("discovery.k8s.io"))
                    .resources(List.of("endpointslices"))
                    .verbs(List.of("list", "watch"))));
  }

  public static V1ClusterRoleBinding clusterRoleBinding() {
    return new V1ClusterRoleBinding()
        .apiVersion(RBAC + "/v1")
        .kind("ClusterRoleBinding")
        .metadata(AddonMetadata.of(CLUSTER_ROLE, null, Map.of()))
        .roleRef(new V1RoleRef().apiGroup(RBAC).kind("ClusterRole").name(CLUSTER_ROLE))
        .subjects(
            List.of(new RbacV1Subject().kind("ServiceAccount").name(NAME).namespace(NAMESPACE)));
  }

  /** kubeadm's Corefile for the cluster domain. */
  public static String corefile(String clusterDomain) {
    return """
        .:53 {
            errors
            health {
               lameduck 5s
            }
            ready
            kubernetes %1$s in-addr.arpa ip6.arpa {
               pods insecure
               fallthrough in-addr.arpa ip6.arpa
               ttl 30
            }
            prometheus :9153
            forward . /etc/resolv.conf {
               max_concurrent 1000
            }
            cache 30 {
               disable success %1$s
               disable denial %1$s
            }
            loop
            reload
            loadbalance
        }
        """
        .formatted(clusterDomain);
  }

  public static V1ConfigMap configMap(TenantControlPlane tcp) {
    return new V1ConfigMap()
        .apiVersion("v1")
        .kind("ConfigMap")
        .metadata(AddonMetadata.of(NAME, NAMESPACE, Map.of()))
        .data(Map.of("Corefile", corefile(SpecDefaults.clusterDomain(tcp))));
  }

  public static V1Service service(TenantControlPlane tcp) {
    V1ServiceSpec spec =
        new V1ServiceSpec()
            .ports(
                List.of(
                    servicePort("dns", 53, "UDP"),
                    servicePort("dns-tcp", 53, "TCP"),
                    servicePort("metrics", 9153, "TCP")))
            .selector(APP);
    List<String> ips = SpecDefaults.network(tcp).getDnsServiceIPs();
    if (ips != null && !ips.isEmpty()) {
      spec.clusterIP(ips.get(0));
      if (ips.size() > 1) {
        spec.clusterIPs(ips)
            .ipFamilies(ips.stream().map(ip -> ip.contains(":") ? "IPv6" : "IPv4").toList())
            .ipFamilyPolicy("PreferDualStack");
      }
    }
    Map<String, String> labels = new TreeMap<>(APP);
    labels.put("kubernetes.io/cluster-service", "true");
    labels.put("kubernetes.io/name", "CoreDNS");
    V1ObjectMeta metadata = AddonMetadata.of(SERVICE, NAMESPACE, labels);
    metadata.annotations(Map.of("prometheus.io/port", "9153", "prometheus.io/scrape", "true"));
    return new V1Service().apiVersion("v1").kind("Service").metadata(metadata).spec(spec);
  }

  /** The Deployment; {@code clusterImageRepository} is the kubeadm configuration's. */
  public static V1Deployment deployment(AddonSpec addon, String clusterImageRepository) {
    V1Container container =
        new V1Container()
            .name(NAME)
            .image(image(addon, clusterImageRepository))
            .imagePullPolicy("IfNotPresent")
            .resources(
                new V1ResourceRequirements()
                    .limits(Map.of("memory", Quantity.fromString("170Mi")))
                    .requests(
                        Map.of(
                            "cpu", Quantity.fromString("100m"),
                            "memory", Quantity.fromString("70Mi"))))
            .args(List.of("-conf", "/etc/coredns/Corefile"))
            .volumeMounts(
                List.of(
                    new V1VolumeMount()
                        .name("config-volume")
                        .mountPath("/etc/coredns")
                        .readOnly(true)))
            .ports(
                List.of(
                    containerPort("dns", 53, "UDP"),
                    containerPort("dns-tcp", 53, "TCP"),
                    containerPort("metrics", 9153, "TCP"),
                    containerPort("liveness-probe", 8080, "TCP"),
                    containerPort("readiness-probe", 8181, "TCP")))
            .livenessProbe(
                new V1Probe()
                    .httpGet(httpGet("/health", "liveness-probe"))
                    .initialDelaySeconds(60)
                    .timeoutSeconds(5)
                    .successThreshold(1)
                    .failureThreshold(5))
            .readinessProbe(new V1Probe().httpGet(httpGet("/ready", "readiness-probe")))
            .securityContext(
                new V1SecurityContext()
                    .allowPrivilegeEscalation(false)
                    .capabilities(
                        new V1Capabilities().add(List.of("NET_BIND_SERVICE")).drop(List.of("ALL")))
                    .readOnlyRootFilesystem(true));
    V1PodSpec pod =
        new V1PodSpec()
            .priorityClassName("system-cluster-critical")
            .serviceAccountName(NAME)
            .affinity(antiAffinity())
            .tolerations(
                List.of(
                    new V1Toleration().key("CriticalAddonsOnly").operator("Exists"),
                    new V1Toleration()
                        .key("node-role.kubernetes.io/control-plane")
                        .effect("NoSchedule")))
            .nodeSelector(Map.of("kubernetes.io/os", "linux"))
            .containers(List.of(container))
            .dnsPolicy("Default")
            .volumes(
                List.of(
                    new V1Volume()
                        .name("config-volume")
                        .configMap(
                            new V1ConfigMapVolumeSource()
                                .name(NAME)
                                .items(
                                    List.of(new V1KeyToPath().key("Corefile").path("Corefile"))))));
    return new V1Deployment()
        .apiVersion("apps/v1")
        .kind("Deployment")
        .metadata(AddonMetadata.of(NAME, NAMESPACE, APP))
        .spec(
            new V1DeploymentSpec()
                .replicas(REPLICAS)
                .strategy(
                    new V1DeploymentStrategy()
                        .type("RollingUpdate")
                        .rollingUpdate(
                            new V1RollingUpdateDeployment().maxUnavailable(new IntOrString(1))))
                .selector(new V1LabelSelector().matchLabels(APP))
                .template(
                    new V1PodTemplateSpec().metadata(new V1ObjectMeta().labels(APP)).spec(pod)));
  }

  private static V1Affinity antiAffinity() {
    return new V1Affinity()
        .podAntiAffinity(
            new V1PodAntiAffinity()
                .preferredDuringSchedulingIgnoredDuringExecution(
                    List.of(
                        new V1WeightedPodAffinityTerm()
                            .weight(100)
                            .podAffinityTerm(
                                new V1PodAffinityTerm()
                                    .labelSelector(
                                        new V1LabelSelector()
                                            .matchExpressions(
                                                List.of(
                                                    new V1LabelSelectorRequirement()
                                                        .key("k8s-app")
                                                        .operator("In")
                                                        .values(List.of(SERVICE)))))
                                    .topologyKey("kubernetes.io/hostname")))));
  }

  private static V1HTTPGetAction httpGet(String path, String port) {
    return new V1HTTPGetAction().path(path).port(new IntOrString(port)).scheme("HTTP");
  }

  private static V1ServicePort servicePort(String name, int port, String protocol) {
    return new V1ServicePort()
        .name(name)
        .port(port)
        .protocol(protocol)
        .targetPort(new IntOrString(port));
  }

  private static V1ContainerPort containerPort(String name, int port, String protocol) {
    return new V1ContainerPort().name(name).containerPort(port).protocol(protocol);
  }
}
