package dev.controlplanes.kamaji.api.validation;

import static dev.controlplanes.kamaji.api.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.Edits;
import dev.controlplanes.kamaji.api.Schemas;
import dev.controlplanes.kamaji.api.field.FieldError;
import dev.controlplanes.kamaji.api.field.FieldError.Type;
import dev.controlplanes.kamaji.api.schema.SchemaDefaulter;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TenantControlPlaneValidationTest {

  static final ValidationContext CTX =
      ValidationContext.of("v1.36.0", Set.of("default", "other", "events")::contains);

  /** A created TenantControlPlane as it looks after schema and Kamaji defaulting. */
  static final JsonObject BASE =
      defaulted(
          """
          {apiVersion: 'kamaji.clastix.io/v1alpha1', kind: 'TenantControlPlane',
           metadata: {name: 'tenant-a', namespace: 'tenants', uid: 'u-1', resourceVersion: '7'},
           spec: {dataStore: 'default', dataStoreSchema: 'u_1', dataStoreUsername: 'u_1',
                  controlPlane: {deployment: {replicas: 2}, service: {serviceType: 'LoadBalancer'}},
                  kubernetes: {version: 'v1.35.2', kubelet: {}},
                  networkProfile: {serviceCidrs: ['10.96.0.0/16'], podCidrs: ['10.244.0.0/16'],
                                   dnsServiceIPs: ['10.96.0.10']},
                  addons: {konnectivity: {}}}}
          """);

  static JsonObject defaulted(String text) {
    JsonObject tcp = json(text);
    SchemaDefaulter.apply(tcp, Schemas.tenantControlPlane());
    return tcp;
  }

  static Arguments bad(String name, String field, Type type, String detail, String... edits) {
    return Arguments.of(name, edits, field, type, detail);
  }

  static Stream<Arguments> createCases() {
    return Stream.of(
        bad(
            "name is not a DNS-1035 label",
            "metadata.name",
            Type.INVALID,
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with"
                + " an alphabetic character, and end with an alphanumeric character (e.g."
                + " 'my-name',  or 'abc-123', regex used for validation is"
                + " '[a-z]([-a-z0-9]*[a-z0-9])?')",
            "metadata.name='1tenant'"),
        bad("name with a dot", "metadata.name", Type.INVALID, null, "metadata.name='a.b'"),
        bad("namespace missing", "metadata.namespace", Type.REQUIRED, "", "-metadata.namespace"),
        bad("kubernetes missing", "spec.kubernetes", Type.REQUIRED, "", "-spec.kubernetes"),
        bad(
            "unknown service type",
            "spec.controlPlane.service.serviceType",
            Type.NOT_SUPPORTED,
            "supported values: \"ClusterIP\", \"NodePort\", \"LoadBalancer\"",
            "spec.controlPlane.service.serviceType='Ingress'"),
        bad(
            "ingress and gateway",
            "spec.controlPlane.gateway",
            Type.FORBIDDEN,
            "using both ingress and gateway is not supported",
            "spec.controlPlane.ingress={hostname: 'a.example.org'}",
            "spec.controlPlane.gateway={hostname: 'a.example.org'}"),
        bad(
            "source ranges without LoadBalancer",
            "spec.networkProfile.loadBalancerSourceRanges",
            Type.FORBIDDEN,
            "LoadBalancer source ranges are supported only with LoadBalancer service type",
            "spec.controlPlane.service.serviceType='ClusterIP'",
            "spec.networkProfile.loadBalancerSourceRanges=['10.0.0.0/8']"),
        bad(
            "class without LoadBalancer",
            "spec.networkProfile.loadBalancerClass",
            Type.FORBIDDEN,
            "LoadBalancerClass is supported only with LoadBalancer service type",
            "spec.controlPlane.service.serviceType='NodePort'",
            "spec.networkProfile.loadBalancerClass='metallb'"),
        bad(
            "node ports flag without LoadBalancer",
            "spec.controlPlane.service.allocateLoadBalancerNodePorts",
            Type.FORBIDDEN,
            "allocateLoadBalancerNodePorts is supported only with LoadBalancer service type",
            "spec.controlPlane.service.serviceType='ClusterIP'",
            "spec.controlPlane.service.allocateLoadBalancerNodePorts=false"),
        bad(
            "serviceCidr",
            "spec.networkProfile.serviceCidr",
            Type.INVALID,
            "serviceCidr must be empty or a valid CIDR",
            "spec.networkProfile.serviceCidr='10.96.0.0'"),
        bad(
            "serviceCidrs entry",
            "spec.networkProfile.serviceCidrs[1]",
            Type.INVALID,
            "all serviceCidrs entries must be valid CIDRs",
            "spec.networkProfile.serviceCidrs=['10.96.0.0/16', 'fd00::/130']"),
        bad(
            "too many serviceCidrs",
            "spec.networkProfile.serviceCidrs",
            Type.TOO_MANY,
            null,
            "spec.networkProfile.serviceCidrs=['10.96.0.0/16', 'fd00::/108', '10.97.0.0/16']"),
        bad(
            "podCidr",
            "spec.networkProfile.podCidr",
            Type.INVALID,
            "podCidr must be empty or a valid CIDR",
            "spec.networkProfile.podCidr='pods'"),
        bad(
            "podCidrs entry",
            "spec.networkProfile.podCidrs[0]",
            Type.INVALID,
            "all podCidrs entries must be valid CIDRs",
            "spec.networkProfile.podCidrs=['::ffff:10.0.0.0/104']"),
        bad(
            "source range entry",
            "spec.networkProfile.loadBalancerSourceRanges[0]",
            Type.INVALID,
            "all LoadBalancer source range entries must be valid CIDR",
            "spec.networkProfile.loadBalancerSourceRanges=['0.0.0.0']"),
        bad(
            "advertiseAddress is a name",
            "spec.networkProfile.advertiseAddress",
            Type.INVALID,
            "advertiseAddress must be a valid IP address",
            "spec.networkProfile.advertiseAddress='api.example.org'"),
        bad(
            "clusterDomain without a dot",
            "spec.networkProfile.clusterDomain",
            Type.INVALID,
            "spec.networkProfile.clusterDomain in body should match '.*\\..*'",
            "spec.networkProfile.clusterDomain='local'"),
        bad(
            "DNS IP outside the Service CIDRs",
            "spec.networkProfile.dnsServiceIPs[0]",
            Type.INVALID,
            "is not contained in any configured service CIDR",
            "spec.networkProfile.dnsServiceIPs=['10.97.0.10']"),
        bad(
            "DNS IP not an IP",
            "spec.networkProfile.dnsServiceIPs[1]",
            Type.INVALID,
            "must be a valid IP address",
            "spec.networkProfile.dnsServiceIPs=['10.96.0.10', 'dns']"),
        bad(
            "DNS IPs without Service CIDRs",
            "spec.networkProfile.serviceCidrs",
            Type.REQUIRED,
            "no service CIDRs defined",
            "-spec.networkProfile.serviceCidrs",
            "spec.networkProfile.serviceCidr=''"),
        bad(
            "bad cert SAN",
            "spec.networkProfile.certSANs[1]",
            Type.INVALID,
            "altname is not a valid IP address, DNS label or a DNS label with subdomain wildcards:"
                + " a lowercase RFC 1123 subdomain",
            "spec.networkProfile.certSANs=['ok.example.org', 'Not_OK', '*.ok.example.org', '10.0.0.1']"),
        bad(
            "agent replicas in DaemonSet mode",
            "spec.addons.konnectivity.agent.replicas",
            Type.INVALID,
            "replicas must be 0 (or unset) when mode is DaemonSet, and greater than 0 (or unset)"
                + " when mode is Deployment",
            "spec.addons.konnectivity.agent.replicas=2"),
        bad(
            "no agent replicas in Deployment mode",
            "spec.addons.konnectivity.agent.replicas",
            Type.INVALID,
            null,
            "spec.addons.konnectivity.agent.mode='Deployment'",
            "spec.addons.konnectivity.agent.replicas=0"),
        bad(
            "unknown agent mode",
            "spec.addons.konnectivity.agent.mode",
            Type.NOT_SUPPORTED,
            null,
            "spec.addons.konnectivity.agent.mode='Pod'"),
        bad(
            "reserved port name",
            "spec.controlPlane.service.additionalPorts[0].name",
            Type.INVALID,
            "the names \"kube-apiserver\" and \"konnectivity-server\" are reserved",
            "spec.controlPlane.service.additionalPorts=[{name: 'konnectivity-server', port: 9000, targetPort: 9000}]"),
        bad(
            "duplicate port name",
            "spec.controlPlane.service.additionalPorts[1].name",
            Type.DUPLICATE,
            "",
            "spec.controlPlane.service.additionalPorts=[{name: 'm', port: 9000, targetPort: 9000},"
                + " {name: 'm', port: 9001, targetPort: 9001}]"),
        bad(
            "port name not a DNS label",
            "spec.controlPlane.service.additionalPorts[0].name",
            Type.INVALID,
            null,
            "spec.controlPlane.service.additionalPorts=[{name: 'Metrics', port: 9000, targetPort: 9000}]"),
        bad(
            "port taken by kube-apiserver",
            "spec.controlPlane.service.additionalPorts[0].port",
            Type.INVALID,
            "is already used by the kube-apiserver port",
            "spec.controlPlane.service.additionalPorts=[{name: 'm', port: 6443, targetPort: 9000}]"),
        bad(
            "port taken by konnectivity",
            "spec.controlPlane.service.additionalPorts[0].port",
            Type.INVALID,
            "is already used by the konnectivity-server port",
            "spec.controlPlane.service.additionalPorts=[{name: 'm', port: 8132, targetPort: 9000}]"),
        bad(
            "duplicate port",
            "spec.controlPlane.service.additionalPorts[1]",
            Type.DUPLICATE,
            "",
            "spec.controlPlane.service.additionalPorts=[{name: 'a', port: 9000, targetPort: 9000},"
                + " {name: 'b', port: 9000, targetPort: 9001}]"),
        bad(
            "port out of range",
            "spec.controlPlane.service.additionalPorts[0].port",
            Type.INVALID,
            "must be between 1 and 65535, inclusive",
            "spec.controlPlane.service.additionalPorts=[{name: 'm', port: 70000, targetPort: 9000}]"),
        bad(
            "numeric target port name",
            "spec.controlPlane.service.additionalPorts[0].targetPort",
            Type.INVALID,
            "must contain at least one letter (a-z)",
            "spec.controlPlane.service.additionalPorts=[{name: 'm', port: 9000, targetPort: '9000'}]"),
        bad(
            "target port missing",
            "spec.controlPlane.service.additionalPorts[0].targetPort",
            Type.REQUIRED,
            "",
            "spec.controlPlane.service.additionalPorts=[{name: 'm', port: 9000}]"),
        bad(
            "version above the supported one",
            "spec.kubernetes.version",
            Type.INVALID,
            "unable to create a TenantControlPlane with a Kubernetes version greater than the"
                + " supported one, actually v1.36",
            "spec.kubernetes.version='v1.37.0'"),
        bad(
            "version not semver",
            "spec.kubernetes.version",
            Type.INVALID,
            "unable to parse the desired Kubernetes version: no Major.Minor.Patch elements found",
            "spec.kubernetes.version='v1.35'"),
        bad("unknown DataStore", "spec.dataStore", Type.NOT_FOUND, "", "spec.dataStore='gold'"),
        bad(
            "override to unknown DataStore",
            "spec.dataStoreOverrides[0].dataStore",
            Type.NOT_FOUND,
            "",
            "spec.dataStoreOverrides=[{resource: '/events', dataStore: 'gold'}]"),
        bad(
            "duplicate override",
            "spec.dataStoreOverrides[1].resource",
            Type.DUPLICATE,
            "",
            "spec.dataStoreOverrides=[{resource: '/events', dataStore: 'events'},"
                + " {resource: '/events', dataStore: 'other'}]"),
        bad(
            "duplicate preferred address type",
            "spec.kubernetes.kubelet.preferredAddressTypes[1]",
            Type.DUPLICATE,
            "",
            "spec.kubernetes.kubelet.preferredAddressTypes=['Hostname', 'Hostname']"),
        bad(
            "unknown admission plugin",
            "spec.kubernetes.admissionControllers[0]",
            Type.NOT_SUPPORTED,
            null,
            "spec.kubernetes.admissionControllers=['Magic']"),
        bad(
            "probe threshold",
            "spec.controlPlane.deployment.probes.apiServer.liveness.failureThreshold",
            Type.INVALID,
            null,
            "spec.controlPlane.deployment.probes={apiServer: {liveness: {failureThreshold: 0}}}"),
        bad(
            "gateway hostname",
            "spec.controlPlane.gateway.hostname",
            Type.INVALID,
            null,
            "spec.controlPlane.gateway={hostname: 'Bad_Host'}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("createCases")
  void createRule(String name, String[] edits, String field, Type type, String detail) {
    List<FieldError> errors = TenantControlPlaneValidation.validate(Edits.apply(BASE, edits), CTX);

    assertSingle(errors, field, type, detail);
  }

  static Stream<Arguments> validCreates() {
    return Stream.of(
        Arguments.of("base", new String[0]),
        Arguments.of(
            "empty source ranges with ClusterIP",
            new String[] {
              "spec.controlPlane.service.serviceType='ClusterIP'",
              "spec.networkProfile.loadBalancerSourceRanges=[]"
            }),
        Arguments.of(
            "LoadBalancer extras",
            new String[] {
              "spec.networkProfile.loadBalancerSourceRanges=['10.0.0.0/8', '2001:db8::/32']",
              "spec.networkProfile.loadBalancerClass='metallb'",
              "spec.controlPlane.service.allocateLoadBalancerNodePorts=false"
            }),
        Arguments.of("newest supported patch", new String[] {"spec.kubernetes.version='v1.36.9'"}),
        Arguments.of(
            "pre-release of the supported minor",
            new String[] {"spec.kubernetes.version='v1.36.0-rc.1'"}),
        Arguments.of(
            "Deployment agents",
            new String[] {
              "spec.addons.konnectivity.agent.mode='Deployment'",
              "spec.addons.konnectivity.agent.replicas=3"
            }),
        Arguments.of(
            "DaemonSet agents with zero replicas",
            new String[] {"spec.addons.konnectivity.agent.replicas=0"}),
        Arguments.of(
            "gateway alone",
            new String[] {
              "spec.controlPlane.gateway={hostname: '*.example.org', parentRefs: [{name: 'gw'}]}"
            }),
        Arguments.of(
            "empty dataStore is left to the controller", new String[] {"spec.dataStore=''"}),
        Arguments.of(
            "ports",
            new String[] {
              "spec.controlPlane.service.additionalPorts=[{name: 'a', port: 9000, targetPort: 'metrics'},"
                  + " {name: 'b', port: 9000, protocol: 'UDP', targetPort: 9000}]"
            }),
        Arguments.of(
            "dual-stack DNS IPs",
            new String[] {
              "spec.networkProfile.serviceCidrs=['10.96.0.0/16', 'fd00::/108']",
              "spec.networkProfile.dnsServiceIPs=['10.96.0.10', 'fd00::10']"
            }),
        Arguments.of(
            "DNS IP inside the deprecated serviceCidr",
            new String[] {
              "-spec.networkProfile.serviceCidrs",
              "spec.networkProfile.serviceCidr='10.100.0.0/16'",
              "spec.networkProfile.dnsServiceIPs=['10.100.0.10']"
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validCreates")
  void validCreate(String name, String[] edits) {
    assertThat(TenantControlPlaneValidation.validate(Edits.apply(BASE, edits), CTX)).isEmpty();
  }

  @Test
  void gatewayNeedsTheGatewayApiAndTlsRoutes() {
    JsonObject tcp = Edits.apply(BASE, "spec.controlPlane.gateway={hostname: 'a.example.org'}");

    assertThat(
            TenantControlPlaneValidation.validate(
                tcp, new ValidationContext.Fixed("v1.36.0", n -> true, false, false)))
        .extracting(FieldError::toString)
        .containsExactly(
            "spec.controlPlane.gateway: Forbidden: the Gateway API is not available in this"
                + " cluster, cannot use gatewayRoute configuration");
    assertThat(
            TenantControlPlaneValidation.validate(
                tcp, new ValidationContext.Fixed("v1.36.0", n -> true, true, false)))
        .extracting(FieldError::toString)
        .containsExactly(
            "spec.controlPlane.gateway: Forbidden: TLSRoute resource is not available in this cluster");
  }

  @Test
  void collectsEveryProblem() {
    JsonObject tcp =
        Edits.apply(
            BASE,
            "metadata.name='T'",
            "spec.networkProfile.podCidr='x'",
            "spec.kubernetes.version='v2.0.0'",
            "spec.dataStore='gold'");

    assertThat(TenantControlPlaneValidation.validate(tcp, CTX))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "metadata.name",
            "spec.networkProfile.podCidr",
            "spec.kubernetes.version",
            "spec.dataStore");
  }

  static Arguments change(
      String name, String[] oldEdits, String[] newEdits, String field, Type type, String detail) {
    return Arguments.of(name, oldEdits, newEdits, field, type, detail);
  }

  static String[] e(String... edits) {
    return edits;
  }

  static Stream<Arguments> updateCases() {
    return Stream.of(
        change(
            "unset dataStore",
            e(),
            e("-spec.dataStore"),
            "spec.dataStore",
            Type.FORBIDDEN,
            "unsetting the dataStore is not supported"),
        change(
            "unset dataStoreSchema",
            e(),
            e("-spec.dataStoreSchema"),
            "spec.dataStoreSchema",
            Type.FORBIDDEN,
            "unsetting the dataStoreSchema is not supported"),
        change(
            "empty dataStoreUsername",
            e(),
            e("spec.dataStoreUsername=''"),
            "spec.dataStoreUsername",
            Type.FORBIDDEN,
            "unsetting the dataStoreUsername is not supported"),
        change(
            "change dataStoreSchema",
            e(),
            e("spec.dataStoreSchema='other'"),
            "spec.dataStoreSchema",
            Type.INVALID,
            "changing the dataStoreSchema is not supported"),
        change(
            "change dataStoreUsername",
            e(),
            e("spec.dataStoreUsername='other'"),
            "spec.dataStoreUsername",
            Type.INVALID,
            "changing the dataStoreUsername is not supported"),
        change(
            "change clusterDomain",
            e(),
            e("spec.networkProfile.clusterDomain='tenant.local'"),
            "spec.networkProfile.clusterDomain",
            Type.INVALID,
            "changing the cluster domain is not supported"),
        change(
            "change loadBalancerClass",
            e("spec.networkProfile.loadBalancerClass='a'"),
            e("spec.networkProfile.loadBalancerClass='b'"),
            "spec.networkProfile.loadBalancerClass",
            Type.INVALID,
            "LoadBalancerClass is immutable"),
        change(
            "add loadBalancerClass",
            e(),
            e("spec.networkProfile.loadBalancerClass='b'"),
            "spec.networkProfile.loadBalancerClass",
            Type.FORBIDDEN,
            "LoadBalancerClass cannot be set or unset at runtime"),
        change(
            "remove loadBalancerClass",
            e("spec.networkProfile.loadBalancerClass='a'"),
            e("-spec.networkProfile.loadBalancerClass"),
            "spec.networkProfile.loadBalancerClass",
            Type.FORBIDDEN,
            "LoadBalancerClass cannot be set or unset at runtime"),
        change(
            "downgrade",
            e(),
            e("spec.kubernetes.version='v1.34.9'"),
            "spec.kubernetes.version",
            Type.INVALID,
            "unable to downgrade a TenantControlPlane from 1.35.0 to 1.34.0"),
        change(
            "skip a minor",
            e("spec.kubernetes.version='v1.33.4'"),
            e("spec.kubernetes.version='v1.35.0'"),
            "spec.kubernetes.version",
            Type.INVALID,
            "unable to upgrade to a minor version in a non-sequential mode"),
        change(
            "above the supported version",
            e("spec.kubernetes.version='v1.36.1'"),
            e("spec.kubernetes.version='v1.37.0'"),
            "spec.kubernetes.version",
            Type.INVALID,
            "unable to upgrade to a version greater than the supported one (v1.36)"),
        change(
            "migrate to a missing DataStore",
            e(),
            e("spec.dataStore='gold'"),
            "spec.dataStore",
            Type.NOT_FOUND,
            ""),
        change(
            "new override to a missing DataStore",
            e(),
            e("spec.dataStoreOverrides=[{resource: '/events', dataStore: 'gold'}]"),
            "spec.dataStoreOverrides[0].dataStore",
            Type.NOT_FOUND,
            ""),
        change(
            "rename",
            e(),
            e("metadata.name='tenant-b'"),
            "metadata.name",
            Type.INVALID,
            "field is immutable"),
        change(
            "missing resourceVersion",
            e(),
            e("-metadata.resourceVersion"),
            "metadata.resourceVersion",
            Type.INVALID,
            "must be specified for an update"),
        change(
            "still validates the spec",
            e(),
            e("spec.networkProfile.podCidr='x'"),
            "spec.networkProfile.podCidr",
            Type.INVALID,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updateCases")
  void updateRule(
      String name, String[] oldEdits, String[] newEdits, String field, Type type, String detail) {
    JsonObject old = Edits.apply(BASE, oldEdits);
    JsonObject next = Edits.apply(old, newEdits);

    assertSingle(TenantControlPlaneValidation.validateUpdate(next, old, CTX), field, type, detail);
  }

  static Stream<Arguments> validUpdates() {
    return Stream.of(
        Arguments.of("no change", e(), e()),
        Arguments.of("next minor", e(), e("spec.kubernetes.version='v1.36.4'")),
        Arguments.of("patch down is ignored", e(), e("spec.kubernetes.version='v1.35.0'")),
        Arguments.of(
            "downgrade while deleting",
            e("metadata.deletionTimestamp='2026-08-01T10:00:00Z'"),
            e("spec.kubernetes.version='v1.20.0'")),
        Arguments.of(
            "unparseable stored version only gets the ceiling",
            e("spec.kubernetes.version='1.30'"),
            e("spec.kubernetes.version='v1.36.0'")),
        Arguments.of("migration to another DataStore", e(), e("spec.dataStore='other'")),
        Arguments.of(
            "class set together with switching to LoadBalancer",
            e("spec.controlPlane.service.serviceType='ClusterIP'"),
            e(
                "spec.controlPlane.service.serviceType='LoadBalancer'",
                "spec.networkProfile.loadBalancerClass='b'")),
        Arguments.of(
            "schema set where it was absent",
            e("-spec.dataStoreSchema"),
            e("spec.dataStoreSchema='new'")),
        Arguments.of(
            "unchanged override to a vanished DataStore",
            e("spec.dataStoreOverrides=[{resource: '/events', dataStore: 'gone'}]"),
            e("spec.controlPlane.deployment.replicas=3")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validUpdates")
  void validUpdate(String name, String[] oldEdits, String[] newEdits) {
    JsonObject old = Edits.apply(BASE, oldEdits);
    assertThat(TenantControlPlaneValidation.validateUpdate(Edits.apply(old, newEdits), old, CTX))
        .isEmpty();
  }

  @Test
  void aMigrationKeepsTheDriver() {
    ValidationContext drivers =
        new ValidationContext() {
          @Override
          public String supportedVersion() {
            return "v1.36.0";
          }

          @Override
          public boolean dataStoreExists(String name) {
            return true;
          }

          @Override
          public java.util.Optional<String> dataStoreDriver(String name) {
            return java.util.Optional.ofNullable(
                java.util.Map.of("default", "etcd", "other", "etcd", "pg", "PostgreSQL").get(name));
          }
        };

    assertThat(
            TenantControlPlaneValidation.validateUpdate(
                Edits.apply(BASE, "spec.dataStore='other'"), BASE, drivers))
        .isEmpty();
    assertSingle(
        TenantControlPlaneValidation.validateUpdate(
            Edits.apply(BASE, "spec.dataStore='pg'"), BASE, drivers),
        "spec.dataStore",
        Type.INVALID,
        "a TenantControlPlane can only be migrated to a DataStore of its current driver etcd, not"
            + " PostgreSQL");
    // A driver that cannot be looked up is left to the controller, which waits with the reason.
    assertThat(
            TenantControlPlaneValidation.validateUpdate(
                Edits.apply(BASE, "spec.dataStore='unknown'"), BASE, drivers))
        .isEmpty();
  }

  @Test
  void statusUpdateChecksStatusAndMetadataOnly() {
    JsonObject old = Edits.apply(BASE, "spec.networkProfile.podCidr='broken'");
    JsonObject next =
        Edits.apply(
            old,
            "status={kubernetesResources: {version: {status: 'Done'}, deployment: {name: 'd'}}}");

    assertThat(TenantControlPlaneValidation.validateStatusUpdate(next, old))
        .extracting(FieldError::toString)
        .containsExactly(
            "status.kubernetesResources.version.status: Unsupported value: \"Done\": supported"
                + " values: \"Unknown\", \"Provisioning\", \"CertificateAuthorityRotating\","
                + " \"Upgrading\", \"Migrating\", \"Ready\", \"NotReady\", \"Sleeping\","
                + " \"WriteLimited\"",
            "status.kubernetesResources.deployment.namespace: Required value",
            "status.kubernetesResources.deployment.selector: Required value");
  }

  static void assertSingle(List<FieldError> errors, String field, Type type, String detail) {
    assertThat(errors).as(errors.toString()).hasSize(1);
    FieldError error = errors.get(0);
    assertThat(error.field()).isEqualTo(field);
    assertThat(error.type()).isEqualTo(type);
    if (detail != null) {
      if (detail.isEmpty()) {
        assertThat(error.detail()).isEmpty();
      } else {
        assertThat(error.message()).contains(detail);
      }
    }
  }
}
