package dev.controlplanes.kamaji.controllers.pki;

import java.net.InetAddress;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Issues every item of one tenant's PKI with kubeadm's subjects, usages and validity (kubeadm v1.34
 * {@code phases/certs}, {@code phases/kubeconfig}) and Kamaji's Secret layout. Pure: no Kubernetes
 * calls, no I/O. Each method issues one Secret's content, so the reconciler can regenerate items
 * one at a time; {@link #issueAll()} issues a whole PKI.
 */
public final class TenantCertificates {

  /** kubeadm's {@code CACertificateValidityPeriod}. */
  public static final Duration CA_VALIDITY = Duration.ofDays(3650);

  /** kubeadm's {@code CertificateValidityPeriod}. */
  public static final Duration LEAF_VALIDITY = Duration.ofDays(365);

  /** kubeadm's {@code CertificateBackdate}: tolerate small clock differences. */
  public static final Duration BACKDATE = Duration.ofMinutes(5);

  /** Kamaji mints datastore and konnectivity certificates for ten calendar years. */
  public static final int LONG_LIVED_YEARS = 10;

  public static final String MASTERS_GROUP = "system:masters";
  public static final String CLUSTER_ADMINS_GROUP = "kubeadm:cluster-admins";
  public static final String ADMIN_USER = "kubernetes-admin";
  public static final String SUPER_ADMIN_USER = "kubernetes-super-admin";
  public static final String CONTROLLER_MANAGER_USER = "system:kube-controller-manager";
  public static final String SCHEDULER_USER = "system:kube-scheduler";
  public static final String KONNECTIVITY_USER = "system:konnectivity-server";
  public static final String API_SERVER_CN = "kube-apiserver";
  public static final String KUBELET_CLIENT_CN = "kube-apiserver-kubelet-client";
  public static final String FRONT_PROXY_CLIENT_CN = "front-proxy-client";
  public static final String CA_CN = "kubernetes";
  public static final String FRONT_PROXY_CA_CN = "front-proxy-ca";

  /** Kamaji names the konnectivity kubeconfig's cluster {@code kubernetes}, not the TCP. */
  public static final String KONNECTIVITY_CLUSTER_NAME = "kubernetes";

  private static final Pattern DNS_NAME =
      Pattern.compile("(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private final TenantPkiParameters parameters;

  public TenantCertificates(TenantPkiParameters parameters) {
    this.parameters = parameters;
  }

  public TenantPkiParameters parameters() {
    return parameters;
  }

  /** Every Secret of the PKI except the datastore certificate, CAs first. */
  public List<SecretContent> issueAll() {
    // The CAs are kept as bundles: reading them back from PEM would cost time for nothing.
    CertificateBundle caBundle = newCa(CA_CN);
    CertificateBundle frontProxyCaBundle = newCa(FRONT_PROXY_CA_CN);
    SecretContent konnectivity = konnectivityCertificate(caBundle);
    return List.of(
        caContent(caBundle),
        pair(PkiSecret.FRONT_PROXY_CA, frontProxyCaBundle),
        serviceAccount(),
        apiServer(caBundle),
        apiServerKubeletClient(caBundle),
        frontProxyClient(frontProxyCaBundle),
        adminKubeconfigs(caBundle),
        controllerManagerKubeconfig(caBundle),
        schedulerKubeconfig(caBundle),
        konnectivity,
        konnectivityKubeconfig(caBundle, konnectivity));
  }

  /** {@code <tcp>-ca}: a new cluster CA (CN kubernetes); {@code tls.*} duplicate it for CAPI. */
  public SecretContent ca() {
    return caContent(newCa(CA_CN));
  }

  private SecretContent caContent(CertificateBundle ca) {
    byte[] certificate = ca.certificatePem();
    byte[] key = ca.privateKeyPem();
    return content(
        PkiSecret.CA,
        Map.of("ca.crt", certificate, "ca.key", key, "tls.crt", certificate, "tls.key", key));
  }

  /** {@code <tcp>-front-proxy-ca-certificate}: a new front-proxy CA (CN front-proxy-ca). */
  public SecretContent frontProxyCa() {
    return pair(PkiSecret.FRONT_PROXY_CA, newCa(FRONT_PROXY_CA_CN));
  }

  /** {@code <tcp>-sa-certificate}: the service-account signing key pair. */
  public SecretContent serviceAccount() {
    KeyPair keys = parameters.algorithm().generate();
    return content(
        PkiSecret.SERVICE_ACCOUNT,
        Map.of(
            "sa.pub", Pem.encodePublicKey(keys.getPublic()), "sa.key", Pem.encodePrivateKey(keys)));
  }

  /** {@code <tcp>-api-server-certificate}: serving certificate with {@link #apiServerSans()}. */
  public SecretContent apiServer(CertificateBundle ca) {
    Sans sans = sans();
    Instant now = now();
    CertificateSpec spec =
        new CertificateSpec(
            API_SERVER_CN,
            List.of(),
            sans.dns(),
            sans.ips(),
            Set.of(CertificateSpec.Usage.SERVER_AUTH),
            false,
            now.minus(BACKDATE),
            now.plus(LEAF_VALIDITY));
    return pair(PkiSecret.API_SERVER, issue(spec, ca));
  }

  /**
   * {@code <tcp>-api-server-kubelet-client-certificate}: CN kube-apiserver-kubelet-client and no
   * group (kubeadm 1.34 binds the user to {@code system:kubelet-api-admin} instead of using
   * system:masters).
   */
  public SecretContent apiServerKubeletClient(CertificateBundle ca) {
    return pair(
        PkiSecret.API_SERVER_KUBELET_CLIENT, issue(client(KUBELET_CLIENT_CN, List.of()), ca));
  }

  /**
   * {@code <tcp>-front-proxy-client-certificate}: CN front-proxy-client, signed by front-proxy CA.
   */
  public SecretContent frontProxyClient(CertificateBundle frontProxyCa) {
    return pair(
        PkiSecret.FRONT_PROXY_CLIENT,
        issue(client(FRONT_PROXY_CLIENT_CN, List.of()), frontProxyCa));
  }

  /**
   * {@code <tcp>-konnectivity-certificate}: CN system:konnectivity-server, O system:masters, client
   * and server usage, ten years (Kamaji's template).
   */
  public SecretContent konnectivityCertificate(CertificateBundle ca) {
    CertificateBundle bundle = issue(longLived(KONNECTIVITY_USER, parameters.clock()), ca);
    return content(
        PkiSecret.KONNECTIVITY_CERTIFICATE,
        Map.of("tls.crt", bundle.certificatePem(), "tls.key", bundle.privateKeyPem()));
  }

  /**
   * {@code <tcp>-admin-kubeconfig}: admin.conf (kubernetes-admin, kubeadm:cluster-admins) and
   * super-admin.conf (kubernetes-super-admin, system:masters) against the public endpoint, and
   * their {@code .svc} twins against {@code https://<tcp>.<ns>.svc:<port>} with the same
   * credentials.
   */
  public SecretContent adminKubeconfigs(CertificateBundle ca) {
    CertificateBundle admin = issue(client(ADMIN_USER, List.of(CLUSTER_ADMINS_GROUP)), ca);
    CertificateBundle superAdmin = issue(client(SUPER_ADMIN_USER, List.of(MASTERS_GROUP)), ca);
    byte[] caPem = ca.certificatePem();
    return content(
        PkiSecret.ADMIN_KUBECONFIG,
        Map.of(
            "admin.conf", kubeconfig(parameters.publicServer(), ADMIN_USER, caPem, admin),
            "admin.svc", kubeconfig(parameters.serviceServer(), ADMIN_USER, caPem, admin),
            "super-admin.conf",
                kubeconfig(parameters.publicServer(), SUPER_ADMIN_USER, caPem, superAdmin),
            "super-admin.svc",
                kubeconfig(parameters.serviceServer(), SUPER_ADMIN_USER, caPem, superAdmin)));
  }

  /** {@code <tcp>-controller-manager-kubeconfig}: system:kube-controller-manager on localhost. */
  public SecretContent controllerManagerKubeconfig(CertificateBundle ca) {
    return localKubeconfig(PkiSecret.CONTROLLER_MANAGER_KUBECONFIG, CONTROLLER_MANAGER_USER, ca);
  }

  /** {@code <tcp>-scheduler-kubeconfig}: system:kube-scheduler on localhost. */
  public SecretContent schedulerKubeconfig(CertificateBundle ca) {
    return localKubeconfig(PkiSecret.SCHEDULER_KUBECONFIG, SCHEDULER_USER, ca);
  }

  /**
   * {@code <tcp>-konnectivity-kubeconfig}: the konnectivity certificate's credentials on localhost,
   * cluster {@code kubernetes} (as Kamaji).
   */
  public SecretContent konnectivityKubeconfig(
      CertificateBundle ca, SecretContent konnectivityCertificate) {
    if (konnectivityCertificate.secret() != PkiSecret.KONNECTIVITY_CERTIFICATE) {
      throw new IllegalArgumentException("expected the konnectivity certificate");
    }
    Kubeconfigs.Kubeconfig kubeconfig =
        new Kubeconfigs.Kubeconfig(
            KONNECTIVITY_CLUSTER_NAME,
            parameters.localServer(),
            KONNECTIVITY_USER,
            ca.certificatePem(),
            konnectivityCertificate.data().get("tls.crt"),
            konnectivityCertificate.data().get("tls.key"));
    return content(
        PkiSecret.KONNECTIVITY_KUBECONFIG,
        Map.of("konnectivity-server.conf", Kubeconfigs.render(kubeconfig)));
  }

  /**
   * {@code <tcp>-datastore-certificate} for an etcd DataStore: a client certificate with CN = the
   * tenant's DB user and O system:masters, client and server usage, ten years, signed by the
   * DataStore CA; {@code ca.crt} is the DataStore CA certificate.
   */
  public static SecretContent datastoreCertificate(
      String tenantControlPlane,
      String databaseUser,
      CertificateBundle dataStoreCa,
      KeyAlgorithm algorithm,
      Clock clock) {
    CertificateBundle bundle =
        CertificateIssuer.issue(longLived(databaseUser, clock), algorithm, dataStoreCa);
    return new SecretContent(
        PkiSecret.DATASTORE_CERTIFICATE,
        PkiSecret.DATASTORE_CERTIFICATE.secretName(tenantControlPlane),
        Map.of(
            "ca.crt", dataStoreCa.certificatePem(),
            "server.crt", bundle.certificatePem(),
            "server.key", bundle.privateKeyPem()));
  }

  /**
   * Judges one stored Secret of this PKI with the checks that apply to it: SANs for the API server,
   * the expected server URL for each kubeconfig, no expiry for the CAs.
   *
   * @param secret which Secret
   * @param data its data (may be empty)
   * @param annotations its annotations (the rotate annotation)
   * @param issuerCaPem the current issuer: {@code ca.crt} of {@code <tcp>-ca}, the front-proxy CA
   *     for the front-proxy client, the DataStore CA for the datastore certificate; ignored for CAs
   *     and the service-account key
   * @return the first kubeconfig or certificate verdict that is not VALID, else VALID
   */
  public CertificateChecks.Verdict verify(
      CertificateChecks checks,
      PkiSecret secret,
      Map<String, byte[]> data,
      Map<String, String> annotations,
      byte[] issuerCaPem) {
    switch (secret) {
      case CA:
      case FRONT_PROXY_CA:
        return checks.checkCa(
            data.get(secret.certificateKey()), data.get(secret.privateKeyKey()), annotations);
      case SERVICE_ACCOUNT:
        return checks.checkKeyPair(
            data.get(secret.certificateKey()), data.get(secret.privateKeyKey()), annotations);
      default:
        break;
    }
    if (secret.kind() == PkiSecret.Kind.X509) {
      List<String> sans = secret == PkiSecret.API_SERVER ? apiServerSans() : List.of();
      return checks.check(
          data.get(secret.certificateKey()),
          data.get(secret.privateKeyKey()),
          issuerCaPem,
          sans,
          annotations);
    }
    for (String key : secret.dataKeys()) {
      CertificateChecks.Verdict verdict =
          checks.checkKubeconfig(data.get(key), issuerCaPem, server(key), annotations);
      if (verdict.mustRegenerate()) {
        return verdict;
      }
    }
    return CertificateChecks.Verdict.VALID;
  }

  /** The API server URL a kubeconfig data key must point at. */
  public String server(String kubeconfigKey) {
    if (kubeconfigKey.endsWith(".svc")) {
      return parameters.serviceServer();
    }
    if (kubeconfigKey.equals("admin.conf") || kubeconfigKey.equals("super-admin.conf")) {
      return parameters.publicServer();
    }
    return parameters.localServer();
  }

  /**
   * The SANs the API server certificate must cover, as text (DNS names, then IP literals): what
   * {@link CertificateChecks#check} compares against.
   */
  public List<String> apiServerSans() {
    Sans sans = sans();
    List<String> all = new ArrayList<>(sans.dns());
    sans.ips().forEach(ip -> all.add(ip.getHostAddress()));
    return all;
  }

  private record Sans(List<String> dns, List<InetAddress> ips) {}

  /**
   * kubeadm's {@code GetAPIServerAltNames} over Kamaji's kubeadm configuration: the in-cluster
   * names of the kubernetes Service, the first address of each service CIDR, the address, the
   * endpoint host, then Kamaji's certSANs and the user's.
   */
  private Sans sans() {
    List<String> dns = new ArrayList<>();
    List<InetAddress> ips = new ArrayList<>();
    dns.add("kubernetes");
    dns.add("kubernetes.default");
    dns.add("kubernetes.default.svc");
    dns.add("kubernetes.default.svc." + parameters.clusterDomain());
    for (String cidr : parameters.serviceCidrs()) {
      ips.add(IpAddresses.firstAddress(cidr));
    }
    List<String> names = new ArrayList<>();
    names.add(parameters.address());
    names.add(parameters.endpointHost());
    names.add("127.0.0.1");
    names.add("localhost");
    names.add(parameters.name());
    names.add(parameters.name() + "." + parameters.namespace() + ".svc");
    names.add(
        parameters.name()
            + "."
            + parameters.namespace()
            + ".svc."
            + parameters.managementClusterDomain());
    names.addAll(parameters.certSans());
    for (String name : names) {
      Optional<InetAddress> ip = IpAddresses.parseLiteral(name);
      if (ip.isPresent()) {
        ips.add(ip.get());
      } else if (name.length() <= 253 && DNS_NAME.matcher(name).matches()) {
        dns.add(name);
      }
      // Like kubeadm, anything else is neither an IP nor an RFC 1123 name and is skipped.
    }
    return new Sans(dns, ips);
  }

  private SecretContent localKubeconfig(PkiSecret secret, String user, CertificateBundle ca) {
    CertificateBundle client = issue(client(user, List.of()), ca);
    return content(
        secret,
        Map.of(
            secret.dataKeys().get(0),
            kubeconfig(parameters.localServer(), user, ca.certificatePem(), client)));
  }

  private byte[] kubeconfig(String server, String user, byte[] caPem, CertificateBundle client) {
    return Kubeconfigs.render(
        new Kubeconfigs.Kubeconfig(
            parameters.name(),
            server,
            user,
            caPem,
            client.certificatePem(),
            client.privateKeyPem()));
  }

  private CertificateBundle newCa(String commonName) {
    Instant now = now();
    return CertificateIssuer.selfSignedCa(
        CertificateSpec.ca(commonName, now.minus(BACKDATE), now.plus(CA_VALIDITY)),
        parameters.algorithm());
  }

  private CertificateBundle issue(CertificateSpec spec, CertificateBundle issuer) {
    return CertificateIssuer.issue(spec, parameters.algorithm(), issuer);
  }

  private CertificateSpec client(String user, List<String> groups) {
    Instant now = now();
    return CertificateSpec.client(user, groups, now.minus(BACKDATE), now.plus(LEAF_VALIDITY));
  }

  private static CertificateSpec longLived(String commonName, Clock clock) {
    Instant now = clock.instant();
    return new CertificateSpec(
        commonName,
        List.of(MASTERS_GROUP),
        List.of(),
        List.of(),
        Set.of(CertificateSpec.Usage.CLIENT_AUTH, CertificateSpec.Usage.SERVER_AUTH),
        false,
        now.minus(BACKDATE),
        now.atOffset(ZoneOffset.UTC).plusYears(LONG_LIVED_YEARS).toInstant());
  }

  private SecretContent pair(PkiSecret secret, CertificateBundle bundle) {
    return content(
        secret,
        Map.of(
            secret.certificateKey(), bundle.certificatePem(),
            secret.privateKeyKey(), bundle.privateKeyPem()));
  }

  private SecretContent content(PkiSecret secret, Map<String, byte[]> data) {
    return new SecretContent(secret, secret.secretName(parameters.name()), data);
  }

  private Instant now() {
    return parameters.clock().instant();
  }
}
