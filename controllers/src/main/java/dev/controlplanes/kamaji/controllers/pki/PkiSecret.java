package dev.controlplanes.kamaji.controllers.pki;

import java.util.List;
import java.util.Map;

/**
 * The Secrets that hold a tenant's PKI (Kamaji's names and data keys), so that the reconciler
 * renders and reads them without re-deriving names. Secret name = {@code <tcp>-<suffix>}.
 */
public enum PkiSecret {
  CA("ca", Kind.X509, "ca.crt", "ca.key", List.of("ca.crt", "ca.key", "tls.crt", "tls.key")),
  FRONT_PROXY_CA(
      "front-proxy-ca-certificate",
      Kind.X509,
      "front-proxy-ca.crt",
      "front-proxy-ca.key",
      List.of("front-proxy-ca.crt", "front-proxy-ca.key")),
  /** The service-account signing key pair: the "certificate" key holds the public key. */
  SERVICE_ACCOUNT("sa-certificate", Kind.KEY_PAIR, "sa.pub", "sa.key", List.of("sa.pub", "sa.key")),
  API_SERVER(
      "api-server-certificate",
      Kind.X509,
      "apiserver.crt",
      "apiserver.key",
      List.of("apiserver.crt", "apiserver.key")),
  API_SERVER_KUBELET_CLIENT(
      "api-server-kubelet-client-certificate",
      Kind.X509,
      "apiserver-kubelet-client.crt",
      "apiserver-kubelet-client.key",
      List.of("apiserver-kubelet-client.crt", "apiserver-kubelet-client.key")),
  FRONT_PROXY_CLIENT(
      "front-proxy-client-certificate",
      Kind.X509,
      "front-proxy-client.crt",
      "front-proxy-client.key",
      List.of("front-proxy-client.crt", "front-proxy-client.key")),
  /** Type {@code kubernetes.io/tls}. */
  KONNECTIVITY_CERTIFICATE(
      "konnectivity-certificate", Kind.X509, "tls.crt", "tls.key", List.of("tls.crt", "tls.key")),
  /** {@code ca.crt} is the DataStore CA; empty Secret when the DataStore has no TLS. */
  DATASTORE_CERTIFICATE(
      "datastore-certificate",
      Kind.X509,
      "server.crt",
      "server.key",
      List.of("ca.crt", "server.crt", "server.key")),
  ADMIN_KUBECONFIG(
      "admin-kubeconfig",
      Kind.KUBECONFIG,
      null,
      null,
      List.of("admin.conf", "admin.svc", "super-admin.conf", "super-admin.svc")),
  CONTROLLER_MANAGER_KUBECONFIG(
      "controller-manager-kubeconfig",
      Kind.KUBECONFIG,
      null,
      null,
      List.of("controller-manager.conf")),
  SCHEDULER_KUBECONFIG(
      "scheduler-kubeconfig", Kind.KUBECONFIG, null, null, List.of("scheduler.conf")),
  KONNECTIVITY_KUBECONFIG(
      "konnectivity-kubeconfig", Kind.KUBECONFIG, null, null, List.of("konnectivity-server.conf"));

  /** Label Kamaji's certificate-lifecycle controller selects on; values {@link Kind#label()}. */
  public static final String LIFECYCLE_LABEL = "kamaji.clastix.io/certificate_lifecycle_controller";

  /** What the Secret holds, which decides how it is checked. */
  public enum Kind {
    X509("x509"),
    KEY_PAIR(null),
    KUBECONFIG("kubeconfig");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** Value of {@link #LIFECYCLE_LABEL}, or null when the lifecycle controller ignores it. */
    public String label() {
      return label;
    }
  }

  private final String suffix;
  private final Kind kind;
  private final String certificateKey;
  private final String privateKeyKey;
  private final List<String> dataKeys;

  PkiSecret(
      String suffix,
      Kind kind,
      String certificateKey,
      String privateKeyKey,
      List<String> dataKeys) {
    this.suffix = suffix;
    this.kind = kind;
    this.certificateKey = certificateKey;
    this.privateKeyKey = privateKeyKey;
    this.dataKeys = dataKeys;
  }

  /** {@code <tcp>-<suffix>}. */
  public String secretName(String tenantControlPlane) {
    return tenantControlPlane + "-" + suffix;
  }

  public String suffix() {
    return suffix;
  }

  public Kind kind() {
    return kind;
  }

  /** Every data key the Secret carries, in a stable order. */
  public List<String> dataKeys() {
    return dataKeys;
  }

  /** The key of the certificate (or public key) that checks look at; null for kubeconfigs. */
  public String certificateKey() {
    return certificateKey;
  }

  /** The key of the private key that checks look at; null for kubeconfigs. */
  public String privateKeyKey() {
    return privateKeyKey;
  }

  /**
   * The Secret whose CA signs this one's certificates: {@link #CA} for the API server, kubelet
   * client, konnectivity certificate and every kubeconfig; {@link #FRONT_PROXY_CA} for the
   * front-proxy client; null for the CAs, the service-account key and the datastore certificate
   * (signed by the DataStore's own CA).
   */
  public PkiSecret issuer() {
    return switch (this) {
      case CA, FRONT_PROXY_CA, SERVICE_ACCOUNT, DATASTORE_CERTIFICATE -> null;
      case FRONT_PROXY_CLIENT -> FRONT_PROXY_CA;
      default -> CA;
    };
  }

  /** What must be reissued when {@code ca} is regenerated (rotation or a new key). */
  public static List<PkiSecret> signedBy(PkiSecret ca) {
    return java.util.Arrays.stream(values()).filter(s -> s.issuer() == ca).toList();
  }

  /** Secret type: {@code kubernetes.io/tls} for the konnectivity certificate, else Opaque. */
  public String secretType() {
    return this == KONNECTIVITY_CERTIFICATE ? "kubernetes.io/tls" : "Opaque";
  }

  /**
   * The certificate and key of this Secret's data, e.g. the CA to sign with.
   *
   * @throws PemException if missing, unreadable or not a matching pair
   */
  public CertificateBundle bundle(Map<String, byte[]> data) {
    if (kind != Kind.X509) {
      throw new IllegalStateException(name() + " holds no certificate");
    }
    byte[] certificate = data.get(certificateKey);
    byte[] key = data.get(privateKeyKey);
    if (certificate == null || key == null) {
      throw new PemException(name() + ": missing " + certificateKey + " or " + privateKeyKey);
    }
    return CertificateBundle.fromPem(certificate, key);
  }
}
