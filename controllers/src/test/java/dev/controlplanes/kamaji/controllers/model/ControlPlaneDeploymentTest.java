package dev.controlplanes.kamaji.controllers.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.api.v1alpha1.DataStoreDriver;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.model.ResolvedFacts.EtcdOverride;
import dev.controlplanes.kamaji.controllers.model.ResolvedFacts.Images;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1KeyToPath;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.openapi.models.V1VolumeProjection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ControlPlaneDeploymentTest {

  private static final String PKI = "/etc/kubernetes/pki/";

  @Test
  void basicEtcdTenantHasKamajisApiServerFlagsSorted() {
    V1Deployment d = ControlPlaneDeployment.build(Fixtures.basic(), Fixtures.etcd());

    assertThat(container(d, "kube-apiserver").getArgs())
        .containsExactly(
            "--advertise-address=172.18.255.200",
            "--allow-privileged=true",
            "--authorization-mode=Node,RBAC",
            "--client-ca-file=" + PKI + "ca.crt",
            "--enable-admission-plugins=" + String.join(",", SpecDefaults.ADMISSION_CONTROLLERS),
            "--enable-bootstrap-token-auth=true",
            "--etcd-cafile=" + PKI + "etcd/ca.crt",
            "--etcd-certfile=" + PKI + "etcd/server.crt",
            "--etcd-compaction-interval=0",
            "--etcd-keyfile=" + PKI + "etcd/server.key",
            "--etcd-prefix=/" + Fixtures.UID,
            "--etcd-servers=https://etcd-0.etcd:2379,https://etcd-1.etcd:2379",
            "--kubelet-client-certificate=" + PKI + "apiserver-kubelet-client.crt",
            "--kubelet-client-key=" + PKI + "apiserver-kubelet-client.key",
            "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
            "--proxy-client-cert-file=" + PKI + "front-proxy-client.crt",
            "--proxy-client-key-file=" + PKI + "front-proxy-client.key",
            "--requestheader-allowed-names=front-proxy-client",
            "--requestheader-client-ca-file=" + PKI + "front-proxy-ca.crt",
            "--requestheader-extra-headers-prefix=X-Remote-Extra-",
            "--requestheader-group-headers=X-Remote-Group",
            "--requestheader-username-headers=X-Remote-User",
            "--secure-port=6443",
            "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
            "--service-account-key-file=" + PKI + "sa.pub",
            "--service-account-signing-key-file=" + PKI + "sa.key",
            "--service-cluster-ip-range=10.96.0.0/16",
            "--tls-cert-file=" + PKI + "apiserver.crt",
            "--tls-private-key-file=" + PKI + "apiserver.key");
  }

  @Test
  void apiServerFlagPrecedence() {
    TenantControlPlane tcp =
        withDeployment(
            "      extraArgs:\n"
                + "        apiServer:\n"
                + "          - --secure-port=1234\n" // managed: dropped
                + "          - --allow-privileged=false\n" // safe default: the user's wins
                + "          - --audit-log-maxage=7\n"
                + "          - --feature-gates=A=true\n"
                + "          - --feature-gates=B=false\n" // repeatable: kept verbatim, in order
                + "          - --anonymous-auth\n");
    List<String> args =
        container(ControlPlaneDeployment.build(tcp, Fixtures.etcd()), "kube-apiserver").getArgs();

    assertThat(args).contains("--secure-port=6443").doesNotContain("--secure-port=1234");
    assertThat(args).doesNotContain("--allow-privileged=true");
    assertThat(args.subList(args.size() - 5, args.size()))
        .containsExactly(
            "--allow-privileged=false",
            "--audit-log-maxage=7",
            "--feature-gates=A=true",
            "--feature-gates=B=false",
            "--anonymous-auth");
    List<String> owned = args.subList(0, args.size() - 5);
    assertThat(owned).isSorted();
    assertThat(owned).contains("--authorization-mode=Node,RBAC");
  }

  @Test
  void authorizationModeOnlyWithoutAuthorizationConfig() {
    TenantControlPlane tcp =
        withDeployment(
            "      extraArgs:\n"
                + "        apiServer: [\"--authorization-config=/etc/authz.yaml\"]\n");
    List<String> args =
        container(ControlPlaneDeployment.build(tcp, Fixtures.etcd()), "kube-apiserver").getArgs();
    assertThat(args).noneMatch(a -> a.startsWith("--authorization-mode"));
    assertThat(args).endsWith("--authorization-config=/etc/authz.yaml");
  }

  @Test
  void etcdOverridesAndAdvertiseAddress() {
    TenantControlPlane tcp =
        Fixtures.tcpWithSpec(
            "  controlPlane:\n"
                + "    service: {serviceType: ClusterIP}\n"
                + "  kubernetes: {version: v1.35.7, kubelet: {preferredAddressTypes: [Hostname]}}\n"
                + "  networkProfile:\n"
                + "    advertiseAddress: 10.0.0.9\n"
                + "    port: 7443\n"
                + "    serviceCidrs: [fd00::/108, 10.96.0.0/16]\n");
    ResolvedFacts facts =
        new ResolvedFacts(
            Fixtures.etcd().dataStore(),
            List.of(
                new EtcdOverride("/events", List.of("ev-0:2379", "ev-1:2379")),
                new EtcdOverride("/leases", List.of("ls-0:2379"))),
            "schema",
            "user",
            "172.18.0.10",
            Map.of(),
            null);
    V1Container api = container(ControlPlaneDeployment.build(tcp, facts), "kube-apiserver");
    assertThat(api.getArgs())
        .contains(
            "--advertise-address=10.0.0.9",
            "--secure-port=7443",
            "--etcd-prefix=/schema",
            "--kubelet-preferred-address-types=Hostname",
            "--service-cluster-ip-range=10.96.0.0/16,fd00::/108",
            "--etcd-servers-overrides=/events#https://ev-0:2379;https://ev-1:2379,/leases#https://ls-0:2379");
    assertThat(api.getLivenessProbe().getHttpGet().getPort().getIntValue()).isEqualTo(7443);
    assertThat(api.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
  }

  @Test
  void containersInOrderWithUserContainersFirst() {
    TenantControlPlane tcp =
        withDeployment(
            "      additionalContainers:\n"
                + "        - {name: sidecar, image: busybox}\n"
                + "      additionalInitContainers:\n"
                + "        - {name: prepare, image: busybox}\n",
            "  addons:\n    konnectivity: {}\n");
    V1Deployment d =
        ControlPlaneDeployment.build(tcp, Fixtures.kine(DataStoreDriver.MYSQL, true, true));
    assertThat(names(d.getSpec().getTemplate().getSpec().getContainers()))
        .containsExactly(
            "sidecar",
            "kube-apiserver",
            "kube-scheduler",
            "kube-controller-manager",
            "kine",
            "konnectivity-server");
    assertThat(names(d.getSpec().getTemplate().getSpec().getInitContainers()))
        .containsExactly("prepare", "chmod");

    V1Deployment etcd = ControlPlaneDeployment.build(Fixtures.basic(), Fixtures.etcd());
    assertThat(names(etcd.getSpec().getTemplate().getSpec().getContainers()))
        .containsExactly("kube-apiserver", "kube-scheduler", "kube-controller-manager");
    assertThat(etcd.getSpec().getTemplate().getSpec().getInitContainers()).isEmpty();
  }

  @Test
  void schedulerAndControllerManagerFlags() {
    TenantControlPlane tcp =
        withDeployment(
            "      extraArgs:\n"
                + "        scheduler: [\"--v=2\", \"--leader-elect=false\"]\n"
                + "        controllerManager: [\"--node-monitor-grace-period=50s\", \"--leader-elect=false\"]\n");
    V1Deployment d = ControlPlaneDeployment.build(tcp, Fixtures.etcd());
    String conf = "/etc/kubernetes/scheduler.conf";
    // the scheduler's own flags win over the user's
    assertThat(container(d, "kube-scheduler").getArgs())
        .containsExactly(
            "--authentication-kubeconfig=" + conf,
            "--authorization-kubeconfig=" + conf,
            "--bind-address=0.0.0.0",
            "--kubeconfig=" + conf,
            "--leader-elect=true",
            "--v=2");
    String cm = "/etc/kubernetes/controller-manager.conf";
    // for the controller-manager the user's flags are merged over Kamaji's
    assertThat(container(d, "kube-controller-manager").getArgs())
        .containsExactly(
            "--allocate-node-cidrs=true",
            "--authentication-kubeconfig=" + cm,
            "--authorization-kubeconfig=" + cm,
            "--bind-address=0.0.0.0",
            "--client-ca-file=" + PKI + "ca.crt",
            "--cluster-cidr=10.244.0.0/16",
            "--cluster-name=tenant-a",
            "--cluster-signing-cert-file=" + PKI + "ca.crt",
            "--cluster-signing-key-file=" + PKI + "ca.key",
            "--controllers=*,bootstrapsigner,tokencleaner",
            "--kubeconfig=" + cm,
            "--leader-elect=false",
            "--node-monitor-grace-period=50s",
            "--requestheader-client-ca-file=" + PKI + "front-proxy-ca.crt",
            "--root-ca-file=" + PKI + "ca.crt",
            "--service-account-private-key-file=" + PKI + "sa.key",
            "--service-cluster-ip-range=10.96.0.0/16",
            "--use-service-account-credentials=true");
    assertThat(
            container(d, "kube-scheduler").getLivenessProbe().getHttpGet().getPort().getIntValue())
        .isEqualTo(10259);
    assertThat(
            container(d, "kube-controller-manager")
                .getStartupProbe()
                .getHttpGet()
                .getPort()
                .getIntValue())
        .isEqualTo(10257);
  }

  @Test
  void probeOverridesApplyGlobalThenPerComponent() {
    TenantControlPlane tcp =
        withDeployment(
            "      probes:\n"
                + "        liveness: {timeoutSeconds: 5, failureThreshold: 6}\n"
                + "        readiness: {periodSeconds: 3}\n"
                + "        apiServer:\n"
                + "          liveness: {timeoutSeconds: 15}\n"
                + "        scheduler:\n"
                + "          startup: {failureThreshold: 30}\n");
    V1Deployment d = ControlPlaneDeployment.build(tcp, Fixtures.etcd());
    V1Probe apiLive = container(d, "kube-apiserver").getLivenessProbe();
    assertThat(apiLive.getTimeoutSeconds()).isEqualTo(15);
    assertThat(apiLive.getFailureThreshold()).isEqualTo(6);
    assertThat(apiLive.getPeriodSeconds()).isEqualTo(10);
    assertThat(apiLive.getHttpGet().getScheme()).isEqualTo("HTTPS");
    assertThat(container(d, "kube-controller-manager").getLivenessProbe().getTimeoutSeconds())
        .isEqualTo(5);
    assertThat(container(d, "kube-controller-manager").getReadinessProbe().getPeriodSeconds())
        .isEqualTo(3);
    assertThat(container(d, "kube-scheduler").getStartupProbe().getFailureThreshold())
        .isEqualTo(30);
    assertThat(container(d, "kube-apiserver").getStartupProbe().getFailureThreshold()).isEqualTo(3);
  }

  @Test
  void pkiVolumeProjectsExactlyKubeadmsKeys() {
    V1Deployment etcd = ControlPlaneDeployment.build(Fixtures.basic(), Fixtures.etcd());
    V1Volume pki = volume(etcd, "etc-kubernetes-pki");
    assertThat(pki.getProjected().getDefaultMode()).isEqualTo(420);
    Map<String, List<String>> bySecret =
        pki.getProjected().getSources().stream()
            .map(V1VolumeProjection::getSecret)
            .collect(
                Collectors.toMap(
                    s -> s.getName(),
                    s -> s.getItems().stream().map(i -> i.getKey() + "->" + i.getPath()).toList()));
    assertThat(bySecret)
        .containsOnly(
            Map.entry(
                "tenant-a-api-server-certificate",
                List.of("apiserver.crt->apiserver.crt", "apiserver.key->apiserver.key")),
            Map.entry("tenant-a-ca", List.of("ca.crt->ca.crt", "ca.key->ca.key")),
            Map.entry(
                "tenant-a-api-server-kubelet-client-certificate",
                List.of(
                    "apiserver-kubelet-client.crt->apiserver-kubelet-client.crt",
                    "apiserver-kubelet-client.key->apiserver-kubelet-client.key")),
            Map.entry(
                "tenant-a-front-proxy-ca-certificate",
                List.of(
                    "front-proxy-ca.crt->front-proxy-ca.crt",
                    "front-proxy-ca.key->front-proxy-ca.key")),
            Map.entry(
                "tenant-a-front-proxy-client-certificate",
                List.of(
                    "front-proxy-client.crt->front-proxy-client.crt",
                    "front-proxy-client.key->front-proxy-client.key")),
            Map.entry("tenant-a-sa-certificate", List.of("sa.pub->sa.pub", "sa.key->sa.key")),
            Map.entry(
                "tenant-a-datastore-certificate",
                List.of(
                    "ca.crt->etcd/ca.crt",
                    "server.crt->etcd/server.crt",
                    "server.key->etcd/server.key")));

    V1Deployment kine =
        ControlPlaneDeployment.build(
            Fixtures.basic(), Fixtures.kine(DataStoreDriver.POSTGRESQL, true, true));
    assertThat(volume(kine, "etc-kubernetes-pki").getProjected().getSources())
        .extracting(s -> s.getSecret().getName())
        .doesNotContain("tenant-a-datastore-certificate")
        .hasSize(6);
    assertThat(
            volume(kine, "etc-kubernetes-pki").getProjected().getSources().stream()
                .flatMap(s -> s.getSecret().getItems().stream())
                .map(V1KeyToPath::getPath))
        .noneMatch(p -> p.startsWith("etcd/"));
  }

  @Test
  void volumesAndMountsInKamajisOrder() {
    TenantControlPlane tcp =
        withDeployment(
            "      additionalVolumes:\n"
                + "        - {name: audit, emptyDir: {}}\n"
                + "      additionalVolumeMounts:\n"
                + "        apiServer: [{name: audit, mountPath: /var/log/audit}]\n"
                + "        scheduler: [{name: audit, mountPath: /audit}]\n",
            "  addons:\n    konnectivity: {}\n");
    V1Deployment d =
        ControlPlaneDeployment.build(tcp, Fixtures.kine(DataStoreDriver.NATS, false, false));
    assertThat(d.getSpec().getTemplate().getSpec().getVolumes())
        .extracting(V1Volume::getName)
        .containsExactly(
            "audit",
            "etc-kubernetes-pki",
            "etc-ca-certificates",
            "usr-share-ca-certificates",
            "usr-local-share-ca-certificates",
            "scheduler-kubeconfig",
            "controller-manager-kubeconfig",
            "kine-uds",
            "kine-config",
            "kine-certs",
            "konnectivity-uds",
            "egress-selector-configuration",
            "konnectivity-server-kubeconfig");
    assertThat(volume(d, "kine-uds").getEmptyDir().getMedium()).isEqualTo("Memory");
    assertThat(volume(d, "kine-config").getSecret().getSecretName())
        .isEqualTo("tenant-a-datastore-certificate");
    assertThat(volume(d, "etc-ca-certificates").getSecret().getSecretName())
        .isEqualTo("tenant-a-ca");
    assertThat(volume(d, "egress-selector-configuration").getConfigMap().getName())
        .isEqualTo("tenant-a-konnectivity-egress-selector-configuration");
    assertThat(volume(d, "konnectivity-server-kubeconfig").getSecret().getSecretName())
        .isEqualTo("tenant-a-konnectivity-kubeconfig");

    assertThat(mounts(container(d, "kube-apiserver")))
        .containsExactly(
            "audit:/var/log/audit",
            "kine-uds:/uds",
            "etc-kubernetes-pki:/etc/kubernetes/pki:ro",
            "etc-ca-certificates:/etc/ca-certificates:ro",
            "usr-share-ca-certificates:/usr/share/ca-certificates:ro",
            "usr-local-share-ca-certificates:/usr/local/share/ca-certificates:ro",
            "konnectivity-uds:/run/konnectivity",
            "egress-selector-configuration:/etc/kubernetes/konnectivity/configurations");
    assertThat(mounts(container(d, "kube-scheduler")))
        .containsExactly("audit:/audit", "scheduler-kubeconfig:/etc/kubernetes:ro");
    assertThat(mounts(container(d, "kube-controller-manager")))
        .containsExactly(
            "controller-manager-kubeconfig:/etc/kubernetes:ro",
            "etc-kubernetes-pki:/etc/kubernetes/pki:ro",
            "etc-ca-certificates:/etc/ca-certificates:ro",
            "usr-share-ca-certificates:/usr/share/ca-certificates:ro",
            "usr-local-share-ca-certificates:/usr/local/share/ca-certificates:ro");
  }

  @ParameterizedTest
  @CsvSource({
    "MySQL, mysql://$(DB_USER):$(DB_PASSWORD)@tcp($(DB_CONNECTION_STRING))/$(DB_SCHEMA)",
    "PostgreSQL, postgres://$(DB_USER):$(DB_PASSWORD)@$(DB_CONNECTION_STRING)/$(DB_SCHEMA)",
    "NATS, nats://$(DB_USER):$(DB_PASSWORD)@$(DB_CONNECTION_STRING)?bucket=$(DB_SCHEMA)&noEmbed"
  })
  void kinePerDriver(String driver, String endpoint) {
    TenantControlPlane tcp =
        withDeployment(
            "      extraArgs:\n        kine: [\"--debug\", \"--endpoint=ignored://\"]\n");
    V1Deployment d = ControlPlaneDeployment.build(tcp, Fixtures.kine(driver, true, true));
    V1Container kine = container(d, "kine");
    assertThat(kine.getImage()).isEqualTo("rancher/kine:v0.11.10-amd64");
    assertThat(kine.getCommand()).containsExactly("/bin/kine");
    assertThat(kine.getArgs())
        .containsExactly(
            "--ca-file=/certs/ca.crt",
            "--cert-file=/certs/server.crt",
            "--debug",
            "--endpoint=" + endpoint,
            "--key-file=/certs/server.key",
            "--listen-address=unix:///uds/kine");
    assertThat(kine.getEnvFrom().get(0).getSecretRef().getName())
        .isEqualTo("tenant-a-datastore-config");
    assertThat(kine.getEnv())
        .singleElement()
        .satisfies(
            e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("GODEBUG=x509ignoreCN=0"));
    assertThat(kine.getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getContainerPort()).isEqualTo(2379);
              assertThat(p.getName()).isEqualTo("server");
            });
    assertThat(mounts(kine)).containsExactly("kine-certs:/certs", "kine-uds:/uds");
    assertThat(container(d, "kube-apiserver").getArgs())
        .contains("--etcd-servers=unix:///uds/kine")
        .noneMatch(a -> a.startsWith("--etcd-prefix") || a.startsWith("--etcd-cafile"));

    V1Container chmod = d.getSpec().getTemplate().getSpec().getInitContainers().get(0);
    assertThat(chmod.getName()).isEqualTo("chmod");
    assertThat(chmod.getCommand()).containsExactly("sh");
    assertThat(chmod.getArgs())
        .containsExactly("-c", "cp /kine/*.* /certs && chmod -R 600 /certs/*.*");
    assertThat(mounts(chmod)).containsExactly("kine-config:/kine:ro", "kine-certs:/certs");
  }

  @Test
  void kineWithoutTlsHasNoInitContainerOrCertFlags() {
    V1Deployment plain =
        ControlPlaneDeployment.build(
            Fixtures.basic(), Fixtures.kine(DataStoreDriver.NATS, false, false));
    assertThat(plain.getSpec().getTemplate().getSpec().getInitContainers()).isEmpty();
    assertThat(container(plain, "kine").getArgs())
        .noneMatch(a -> a.startsWith("--ca-file") || a.startsWith("--cert-file"));

    V1Deployment caOnly =
        ControlPlaneDeployment.build(
            Fixtures.basic(), Fixtures.kine(DataStoreDriver.POSTGRESQL, true, false));
    assertThat(container(caOnly, "kine").getArgs())
        .contains("--ca-file=/certs/ca.crt")
        .noneMatch(a -> a.startsWith("--cert-file") || a.startsWith("--key-file"));
  }

  @Test
  void userKineContainerIsTakenOverKeepingItsImage() {
    TenantControlPlane tcp =
        withDeployment(
            "      additionalContainers:\n        - {name: kine, image: example.org/kine:patched}\n");
    V1Deployment d =
        ControlPlaneDeployment.build(tcp, Fixtures.kine(DataStoreDriver.MYSQL, false, false));
    List<V1Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
    assertThat(names(containers))
        .containsExactly("kine", "kube-apiserver", "kube-scheduler", "kube-controller-manager");
    assertThat(containers.get(0).getImage()).isEqualTo("example.org/kine:patched");
    assertThat(containers.get(0).getCommand()).containsExactly("/bin/kine");
  }

  @Test
  void konnectivitySidecarAndEgressFlag() {
    TenantControlPlane tcp =
        Fixtures.tcpWithSpec(
            "  controlPlane:\n"
                + "    deployment: {replicas: 3}\n"
                + "    service: {serviceType: LoadBalancer}\n"
                + "  kubernetes: {version: v1.34.2, kubelet: {}}\n"
                + "  addons:\n"
                + "    konnectivity:\n"
                + "      server:\n"
                + "        port: 8132\n"
                + "        extraArgs: [\"--keepalive-time=1m\", \"--mode=http-connect\"]\n"
                + "        resources: {requests: {cpu: 50m}}\n");
    V1Deployment d = ControlPlaneDeployment.build(tcp, Fixtures.etcd());
    V1Container k = container(d, "konnectivity-server");
    assertThat(k.getImage()).isEqualTo("registry.k8s.io/kas-network-proxy/proxy-server:v0.34.0");
    assertThat(k.getCommand()).containsExactly("/proxy-server");
    assertThat(k.getArgs())
        .containsExactly(
            "--admin-port=8133",
            "--agent-namespace=kube-system",
            "--agent-port=8132",
            "--agent-service-account=konnectivity-agent",
            "--authentication-audience=system:konnectivity-server",
            "--cluster-cert=" + PKI + "apiserver.crt",
            "--cluster-key=" + PKI + "apiserver.key",
            "--health-port=8134",
            "--keepalive-time=1m",
            "--kubeconfig=/etc/kubernetes/konnectivity-server.conf",
            "--mode=grpc",
            "--server-count=3",
            "--server-port=0",
            "--uds-name=/run/konnectivity/konnectivity-server.socket");
    assertThat(k.getPorts())
        .extracting(p -> p.getName() + "=" + p.getContainerPort())
        .containsExactly("agentport=8132", "adminport=8133", "healthport=8134");
    assertThat(k.getLivenessProbe().getHttpGet().getScheme()).isEqualTo("HTTP");
    assertThat(k.getLivenessProbe().getInitialDelaySeconds()).isEqualTo(30);
    assertThat(k.getResources().getRequests().get("cpu").toSuffixedString()).isEqualTo("50m");
    assertThat(mounts(k))
        .containsExactly(
            "etc-kubernetes-pki:/etc/kubernetes/pki:ro",
            "konnectivity-server-kubeconfig:/etc/kubernetes/konnectivity-server.conf:ro",
            "konnectivity-uds:/run/konnectivity");
    assertThat(k.getVolumeMounts().get(1).getSubPath()).isEqualTo("konnectivity-server.conf");
    assertThat(container(d, "kube-apiserver").getArgs())
        .contains(
            "--egress-selector-config-file=/etc/kubernetes/konnectivity/configurations/egress-selector-configuration.yaml");

    ResolvedFacts ours = Fixtures.etcd().withAddress("172.18.255.200");
    ours =
        new ResolvedFacts(
            ours.dataStore(),
            ours.overrides(),
            ours.dataStoreSchema(),
            ours.dataStoreUser(),
            ours.address(),
            ours.secretChecksums(),
            new Images("kine:x", "example.org/kamaji-konnectivity:dev", List.of("/opt/proxy")));
    V1Container java = container(ControlPlaneDeployment.build(tcp, ours), "konnectivity-server");
    assertThat(java.getImage()).isEqualTo("example.org/kamaji-konnectivity:dev");
    assertThat(java.getCommand()).containsExactly("/opt/proxy");
  }

  @Test
  void imagesFromRegistrySettingsWithTagSuffix() {
    TenantControlPlane tcp =
        withDeployment(
            "      registrySettings:\n"
                + "        registry: mirror.example.org\n"
                + "        tagSuffix: -custom\n"
                + "        apiServerImage: my-apiserver\n");
    V1Deployment d = ControlPlaneDeployment.build(tcp, Fixtures.etcd());
    assertThat(container(d, "kube-apiserver").getImage())
        .isEqualTo("mirror.example.org/my-apiserver:v1.35.7-custom");
    assertThat(container(d, "kube-scheduler").getImage())
        .isEqualTo("mirror.example.org/kube-scheduler:v1.35.7-custom");
    assertThat(container(d, "kube-controller-manager").getImage())
        .isEqualTo("mirror.example.org/kube-controller-manager:v1.35.7-custom");
    assertThat(container(d, "kube-apiserver").getImagePullPolicy()).isEqualTo("Always");
    V1Deployment plain = ControlPlaneDeployment.build(Fixtures.basic(), Fixtures.etcd());
    assertThat(container(plain, "kube-scheduler").getImage())
        .isEqualTo("registry.k8s.io/kube-scheduler:v1.35.7");
  }

  @Test
  void replicasStrategyAndPodFields() {
    V1Deployment plain = ControlPlaneDeployment.build(Fixtures.basic(), Fixtures.etcd());
    assertThat(plain.getSpec().getReplicas()).isEqualTo(2);
    assertThat(plain.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(plain.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntValue())
        .isZero();
    assertThat(plain.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getStrValue())
        .isEqualTo("100%");
    assertThat(plain.getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("default");
    assertThat(plain.getSpec().getSelector().getMatchLabels())
        .containsExactly(Map.entry("kamaji.clastix.io/name", "tenant-a"));

    TenantControlPlane tcp =
        withDeployment(
            "      replicas: 0\n"
                + "      strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}\n"
                + "      nodeSelector: {zone: a, disk: ssd}\n"
                + "      runtimeClassName: gvisor\n"
                + "      serviceAccountName: cp\n"
                + "      automountServiceAccountToken: false\n"
                + "      tolerations: [{key: dedicated, operator: Exists}]\n"
                + "      affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, podAffinityTerm: {topologyKey: kubernetes.io/hostname}}]}}\n"
                + "      topologySpreadConstraints:\n"
                + "        - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway}\n"
                + "        - {maxSkew: 2, topologyKey: host, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {x: y}}}\n"
                + "      podSecurityContext: {runAsNonRoot: true}\n"
                + "      containerSecurityContexts: {apiServer: {readOnlyRootFilesystem: true}}\n"
                + "      resources: {apiServer: {limits: {memory: 1Gi}}}\n");
    V1Deployment d = ControlPlaneDeployment.build(tcp, Fixtures.etcd());
    var pod = d.getSpec().getTemplate().getSpec();
    assertThat(d.getSpec().getReplicas()).isZero();
    assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(d.getSpec().getStrategy().getRollingUpdate()).isNull();
    assertThat(pod.getNodeSelector())
        .containsExactly(Map.entry("disk", "ssd"), Map.entry("zone", "a"));
    assertThat(pod.getRuntimeClassName()).isEqualTo("gvisor");
    assertThat(pod.getServiceAccountName()).isEqualTo("cp");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getTolerations())
        .singleElement()
        .satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
    assertThat(pod.getAffinity().getPodAntiAffinity()).isNotNull();
    assertThat(pod.getTopologySpreadConstraints().get(0).getLabelSelector().getMatchLabels())
        .containsExactly(Map.entry("kamaji.clastix.io/name", "tenant-a"));
    assertThat(pod.getTopologySpreadConstraints().get(1).getLabelSelector().getMatchLabels())
        .containsExactly(Map.entry("x", "y"));
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container(d, "kube-apiserver").getSecurityContext().getReadOnlyRootFilesystem())
        .isTrue();
    assertThat(container(d, "kube-scheduler").getSecurityContext()).isNull();
    assertThat(
            container(d, "kube-apiserver")
                .getResources()
                .getLimits()
                .get("memory")
                .toSuffixedString())
        .isEqualTo("1Gi");

    // the input's topology constraint is not modified
    assertThat(
            tcp.getSpec()
                .getControlPlane()
                .getDeployment()
                .getTopologySpreadConstraints()
                .get(0)
                .getLabelSelector())
        .isNull();
  }

  @Test
  void metadataLabelsAnnotationsAndHashes() {
    TenantControlPlane tcp =
        withDeployment(
            "      additionalMetadata: {labels: {team: platform}, annotations: {owner: me}}\n"
                + "      podAdditionalMetadata: {labels: {tier: cp}, annotations: {scrape: \"true\"}}\n"
                + "      extraArgs: {apiServer: [\"--v=4\"]}\n");
    V1Deployment d = ControlPlaneDeployment.build(tcp, Fixtures.etcd());
    assertThat(d.getMetadata().getName()).isEqualTo("tenant-a");
    assertThat(d.getMetadata().getNamespace()).isEqualTo("tenants");
    assertThat(d.getMetadata().getLabels())
        .containsExactly(
            Map.entry("kamaji.clastix.io/component", "deployment"),
            Map.entry("kamaji.clastix.io/name", "tenant-a"),
            Map.entry("kamaji.clastix.io/project", "kamaji"),
            Map.entry("team", "platform"));
    assertThat(d.getMetadata().getAnnotations())
        .containsEntry("owner", "me")
        .containsEntry(
            "kube-apiserver.kamaji.clastix.io/args", Checksums.ofStrings(List.of("--v=4")));
    assertThat(d.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getApiVersion()).isEqualTo("kamaji.clastix.io/v1alpha1");
              assertThat(o.getKind()).isEqualTo("TenantControlPlane");
              assertThat(o.getName()).isEqualTo("tenant-a");
              assertThat(o.getUid()).isEqualTo(Fixtures.UID);
              assertThat(o.getController()).isTrue();
              assertThat(o.getBlockOwnerDeletion()).isTrue();
            });
    Map<String, String> pod = d.getSpec().getTemplate().getMetadata().getLabels();
    assertThat(pod)
        .containsEntry("kamaji.clastix.io/name", "tenant-a")
        .containsEntry("kamaji.clastix.io/component", "deployment")
        .containsEntry("tier", "cp")
        .containsEntry("component.kamaji.clastix.io/ca", "c0ffee00c0ffee00c0ffee00c0ffee00")
        .containsEntry("component.kamaji.clastix.io/api-server-certificate", "")
        .containsEntry("component.kamaji.clastix.io/datastore", "default")
        .containsKeys(
            "component.kamaji.clastix.io/api-server-kubelet-client-certificate",
            "component.kamaji.clastix.io/controller-manager-kubeconfig",
            "component.kamaji.clastix.io/front-proxy-ca-certificate",
            "component.kamaji.clastix.io/front-proxy-client-certificate",
            "component.kamaji.clastix.io/service-account",
            "component.kamaji.clastix.io/scheduler-kubeconfig");
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("scrape", "true")
        .containsEntry("storage.kamaji.clastix.io/config", "d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5")
        .containsEntry("storage.kamaji.clastix.io/certificate", "");

    // a changed Secret changes the pod template, so the pods roll
    ResolvedFacts rotated =
        Fixtures.etcd()
            .withSecretChecksums(Map.of("tenant-a-ca", "0123456789abcdef0123456789abcdef"));
    assertThat(
            ControlPlaneDeployment.build(tcp, rotated)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getLabels())
        .containsEntry("component.kamaji.clastix.io/ca", "0123456789abcdef0123456789abcdef");
  }

  @Test
  void addressMustBeKnown() {
    assertThatThrownBy(
            () -> ControlPlaneDeployment.build(Fixtures.basic(), Fixtures.etcd().withAddress(null)))
        .isInstanceOf(IllegalStateException.class);
  }

  static TenantControlPlane withDeployment(String deploymentYaml) {
    return withDeployment(deploymentYaml, "");
  }

  static TenantControlPlane withDeployment(String deploymentYaml, String more) {
    return Fixtures.tcpWithSpec(
        "  controlPlane:\n"
            + "    deployment:\n"
            + deploymentYaml
            + "    service:\n"
            + "      serviceType: LoadBalancer\n"
            + "  kubernetes:\n"
            + "    version: v1.35.7\n"
            + "    kubelet: {}\n"
            + more);
  }

  static V1Container container(V1Deployment d, String name) {
    return d.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> name.equals(c.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container " + name));
  }

  static V1Volume volume(V1Deployment d, String name) {
    return d.getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(v -> name.equals(v.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }

  static List<String> names(List<V1Container> containers) {
    return containers.stream().map(V1Container::getName).toList();
  }

  static List<String> mounts(V1Container c) {
    return c.getVolumeMounts().stream().map(ControlPlaneDeploymentTest::mount).toList();
  }

  private static String mount(V1VolumeMount m) {
    return m.getName()
        + ":"
        + m.getMountPath()
        + (Boolean.TRUE.equals(m.getReadOnly()) ? ":ro" : "");
  }
}
