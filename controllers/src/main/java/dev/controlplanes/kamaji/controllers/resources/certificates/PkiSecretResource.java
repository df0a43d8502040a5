package dev.controlplanes.kamaji.controllers.resources.certificates;

import dev.controlplanes.kamaji.api.v1alpha1.CertificatesStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KonnectivityStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KubeconfigsStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KubernetesVersionStatus;
import dev.controlplanes.kamaji.api.v1alpha1.SecretStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlaneStatus;
import dev.controlplanes.kamaji.api.v1alpha1.VersionState;
import dev.controlplanes.kamaji.controllers.kube.WriteResult;
import dev.controlplanes.kamaji.controllers.model.Checksums;
import dev.controlplanes.kamaji.controllers.model.Labels;
import dev.controlplanes.kamaji.controllers.model.Owners;
import dev.controlplanes.kamaji.controllers.pki.CertificateBundle;
import dev.controlplanes.kamaji.controllers.pki.CertificateChecks;
import dev.controlplanes.kamaji.controllers.pki.PkiSecret;
import dev.controlplanes.kamaji.controllers.pki.SecretContent;
import dev.controlplanes.kamaji.controllers.pki.TenantCertificates;
import dev.controlplanes.kamaji.controllers.resources.OwnedObjectResource;
import dev.controlplanes.kamaji.controllers.resources.StatusFields;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import dev.controlplanes.kamaji.controllers.tenantcontrolplane.VersionStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Secret;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One Secret of the tenant PKI (certificates §3.2 item 5, kubeconfigs item 6, konnectivity item 9):
 * kept while the checks pass, reissued when missing, invalid, expiring, not signed by the current
 * CA, with wrong SANs or server, or when rotation is requested (§3.6). Records {@code
 * status.certificates.*}, {@code status.kubeconfig.*} or {@code status.addons.konnectivity.*}.
 */
public final class PkiSecretResource extends OwnedObjectResource<V1Secret> {

  private final PkiSecret secret;

  /** Set when this pass regenerates the CA of a TenantControlPlane that was already provisioned. */
  private boolean rotatingCa;

  public PkiSecretResource(TenantContext context, PkiSecret secret) {
    super(context, context.clients().secrets(), V1Secret.class);
    this.secret = secret;
  }

  @Override
  public String name() {
    return secret.suffix();
  }

  /** Deletes the Secret (an addon's, when the addon is turned off). */
  @Override
  public WriteResult cleanUp(TenantControlPlane tcp) {
    return delete(tcp.getMetadata().getNamespace(), secret.secretName(tcp.getMetadata().getName()));
  }

  @Override
  protected V1Secret desired(TenantControlPlane tcp) {
    String namespace = tcp.getMetadata().getNamespace();
    String tcpName = tcp.getMetadata().getName();
    String secretName = secret.secretName(tcpName);
    TenantCertificates pki = TenantPki.of(tcp, context);
    CertificateChecks checks =
        new CertificateChecks(context.options().certificateExpirationDeadline(), context.clock());
    byte[] issuerCa = issuerCertificate(namespace, tcpName);
    Optional<V1Secret> current = context.clients().secrets().cached(namespace, secretName);
    CertificateChecks.Verdict verdict = verdict(pki, checks, current, issuerCa);
    if (verdict.mustRegenerate() && current.isPresent()) {
      // Regenerating on a stale copy (e.g. the rotate annotation this controller already
      // answered) would rotate twice: only the live object's verdict counts.
      current = context.clients().secrets().live(namespace, secretName);
      verdict = verdict(pki, checks, current, issuerCa);
    }
    Map<String, byte[]> existing = dataOf(current);
    Map<String, byte[]> data = verdict.mustRegenerate() ? issue(pki, namespace, tcpName) : existing;
    rotatingCa =
        secret == PkiSecret.CA
            && verdict.mustRegenerate()
            && verdict != CertificateChecks.Verdict.MISSING
            && !provisioning(tcp);
    context.pass().secrets().put(secretName, data);
    SortedMap<String, String> labels = Labels.kamaji(tcpName, secret.suffix());
    if (secret.kind().label() != null) {
      labels.put(PkiSecret.LIFECYCLE_LABEL, secret.kind().label());
    }
    SortedMap<String, String> desiredAnnotations = new TreeMap<>();
    if (verdict == CertificateChecks.Verdict.ROTATION_REQUESTED) {
      // Kamaji marks a handled request with the time it was done.
      desiredAnnotations.put(
          CertificateChecks.ROTATE_ANNOTATION,
          CertificateChecks.rotationDoneValue(context.clock().instant()));
    }
    return new V1Secret()
        .apiVersion("v1")
        .kind("Secret")
        .type(secret.secretType())
        .metadata(
            new V1ObjectMeta()
                .name(secretName)
                .namespace(namespace)
                .labels(labels)
                .annotations(desiredAnnotations.isEmpty() ? null : desiredAnnotations)
                .ownerReferences(List.of(Owners.controllerReference(tcp))))
        .data(new TreeMap<>(data));
  }

  private CertificateChecks.Verdict verdict(
      TenantCertificates pki,
      CertificateChecks checks,
      Optional<V1Secret> current,
      byte[] issuerCa) {
    Map<String, byte[]> data = dataOf(current);
    if (data.isEmpty()) {
      return CertificateChecks.Verdict.MISSING;
    }
    Map<String, String> annotations = current.get().getMetadata().getAnnotations();
    return pki.verify(checks, secret, data, annotations == null ? Map.of() : annotations, issuerCa);
  }

  private static Map<String, byte[]> dataOf(Optional<V1Secret> secret) {
    return secret.map(s -> s.getData()).filter(d -> d != null).orElse(Map.of());
  }

  /** The CA certificate that must have signed this Secret's certificate, or null for CAs. */
  private byte[] issuerCertificate(String namespace, String tcpName) {
    PkiSecret issuer = secret.issuer();
    if (issuer == null) {
      return null;
    }
    return context.secretData(namespace, issuer.secretName(tcpName)).get(issuer.certificateKey());
  }

  private Map<String, byte[]> issue(TenantCertificates pki, String namespace, String tcpName) {
    SecretContent content =
        switch (secret) {
          case CA -> pki.ca();
          case FRONT_PROXY_CA -> pki.frontProxyCa();
          case SERVICE_ACCOUNT -> pki.serviceAccount();
          case API_SERVER -> pki.apiServer(ca(namespace, tcpName, PkiSecret.CA));
          case API_SERVER_KUBELET_CLIENT ->
              pki.apiServerKubeletClient(ca(namespace, tcpName, PkiSecret.CA));
          case FRONT_PROXY_CLIENT ->
              pki.frontProxyClient(ca(namespace, tcpName, PkiSecret.FRONT_PROXY_CA));
          case ADMIN_KUBECONFIG -> pki.adminKubeconfigs(ca(namespace, tcpName, PkiSecret.CA));
          case CONTROLLER_MANAGER_KUBECONFIG ->
              pki.controllerManagerKubeconfig(ca(namespace, tcpName, PkiSecret.CA));
          case SCHEDULER_KUBECONFIG ->
              pki.schedulerKubeconfig(ca(namespace, tcpName, PkiSecret.CA));
          case KONNECTIVITY_CERTIFICATE ->
              pki.konnectivityCertificate(ca(namespace, tcpName, PkiSecret.CA));
          case KONNECTIVITY_KUBECONFIG ->
              pki.konnectivityKubeconfig(
                  ca(namespace, tcpName, PkiSecret.CA),
                  new SecretContent(
                      PkiSecret.KONNECTIVITY_CERTIFICATE,
                      PkiSecret.KONNECTIVITY_CERTIFICATE.secretName(tcpName),
                      context.secretData(
                          namespace, PkiSecret.KONNECTIVITY_CERTIFICATE.secretName(tcpName))));
          case DATASTORE_CERTIFICATE ->
              throw new IllegalStateException("the datastore certificate has its own resource");
        };
    return content.data();
  }

  private CertificateBundle ca(String namespace, String tcpName, PkiSecret ca) {
    return ca.bundle(context.secretData(namespace, ca.secretName(tcpName)));
  }

  private String checksum() {
    return Checksums.ofSecretData(applied.object().getData());
  }

  /**
   * Whether the TCP is still being installed: there the CA is simply issued, afterwards its
   * regeneration is a rotation (§1.5, §3.6).
   */
  private static boolean provisioning(TenantControlPlane tcp) {
    String state = VersionStatus.stored(tcp);
    return state == null || state.equals(VersionState.PROVISIONING);
  }

  @Override
  public boolean shouldUpdateStatus(TenantControlPlane tcp) {
    if (rotatingCa) {
      return true;
    }
    SecretStatus current = get(tcp.getStatus());
    return current == null
        || !Objects.equals(current.getChecksum(), checksum())
        || !Objects.equals(current.getSecretName(), applied.object().getMetadata().getName());
  }

  @Override
  public void updateStatus(TenantControlPlane tcp) {
    if (rotatingCa) {
      // Kamaji's CA resource announces the rotation; the Deployment step of the same pass then
      // records the rollout state.
      StatusFields.kubernetesResources(tcp)
          .setVersion(
              copyOf(tcp.getStatus().getKubernetesResources().getVersion())
                  .status(VersionState.CERTIFICATE_AUTHORITY_ROTATING));
    }
    set(
        tcp,
        new SecretStatus()
            .secretName(applied.object().getMetadata().getName())
            .checksum(checksum())
            .lastUpdate(OffsetDateTime.now(context.clock())));
  }

  private static KubernetesVersionStatus copyOf(KubernetesVersionStatus version) {
    return new KubernetesVersionStatus()
        .status(version == null ? null : version.getStatus())
        .version(version == null ? null : version.getVersion());
  }

  private SecretStatus get(TenantControlPlaneStatus s) {
    if (s == null) {
      return null;
    }
    CertificatesStatus c = s.getCertificates();
    KubeconfigsStatus k = s.getKubeconfig();
    KonnectivityStatus kn = s.getAddons() == null ? null : s.getAddons().getKonnectivity();
    return switch (secret) {
      case CA -> c == null ? null : c.getCa();
      case FRONT_PROXY_CA -> c == null ? null : c.getFrontProxyCA();
      case SERVICE_ACCOUNT -> c == null ? null : c.getSa();
      case API_SERVER -> c == null ? null : c.getApiServer();
      case API_SERVER_KUBELET_CLIENT -> c == null ? null : c.getApiServerKubeletClient();
      case FRONT_PROXY_CLIENT -> c == null ? null : c.getFrontProxyClient();
      case ADMIN_KUBECONFIG -> k == null ? null : k.getAdmin();
      case CONTROLLER_MANAGER_KUBECONFIG -> k == null ? null : k.getControllerManager();
      case SCHEDULER_KUBECONFIG -> k == null ? null : k.getScheduler();
      case KONNECTIVITY_CERTIFICATE -> kn == null ? null : kn.getCertificate();
      case KONNECTIVITY_KUBECONFIG -> kn == null ? null : kn.getKubeconfig();
      case DATASTORE_CERTIFICATE -> null;
    };
  }

  private void set(TenantControlPlane tcp, SecretStatus value) {
    TenantControlPlaneStatus s = StatusFields.status(tcp);
    switch (secret) {
      case CA,
          FRONT_PROXY_CA,
          SERVICE_ACCOUNT,
          API_SERVER,
          API_SERVER_KUBELET_CLIENT,
          FRONT_PROXY_CLIENT -> {
        if (s.getCertificates() == null) {
          s.setCertificates(new CertificatesStatus());
        }
        CertificatesStatus c = s.getCertificates();
        switch (secret) {
          case CA -> c.setCa(value);
          case FRONT_PROXY_CA -> c.setFrontProxyCA(value);
          case SERVICE_ACCOUNT -> c.setSa(value);
          case API_SERVER -> c.setApiServer(value);
          case API_SERVER_KUBELET_CLIENT -> c.setApiServerKubeletClient(value);
          default -> c.setFrontProxyClient(value);
        }
      }
      case ADMIN_KUBECONFIG, CONTROLLER_MANAGER_KUBECONFIG, SCHEDULER_KUBECONFIG -> {
        if (s.getKubeconfig() == null) {
          s.setKubeconfig(new KubeconfigsStatus());
        }
        switch (secret) {
          case ADMIN_KUBECONFIG -> s.getKubeconfig().setAdmin(value);
          case CONTROLLER_MANAGER_KUBECONFIG -> s.getKubeconfig().setControllerManager(value);
          default -> s.getKubeconfig().setScheduler(value);
        }
      }
      case KONNECTIVITY_CERTIFICATE, KONNECTIVITY_KUBECONFIG -> {
        if (secret == PkiSecret.KONNECTIVITY_CERTIFICATE) {
          StatusFields.konnectivity(tcp).setCertificate(value);
        } else {
          StatusFields.konnectivity(tcp).setKubeconfig(value);
        }
      }
      case DATASTORE_CERTIFICATE -> throw new IllegalStateException("not a PKI status field");
    }
  }
}
