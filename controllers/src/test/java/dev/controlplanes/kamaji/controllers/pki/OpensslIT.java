package dev.controlplanes.kamaji.controllers.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The installed {@code openssl} reads and verifies every generated item. */
class OpensslIT {

  private static final String TCP = "tenant-00";

  private Path dir;

  @BeforeEach
  void createDir() throws IOException {
    dir = Files.createTempDirectory("kamaji-pki-openssl-");
  }

  @AfterEach
  void deleteDir() {
    PkiFiles.deleteRecursively(dir);
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void opensslVerifiesChainsAndPurposes(KeyAlgorithm algorithm) throws Exception {
    TenantCertificates certificates =
        new TenantCertificates(
            Fixtures.parameters(algorithm).withClock(java.time.Clock.systemUTC()));
    List<SecretContent> pki = new ArrayList<>(certificates.issueAll());
    CertificateBundle dataStoreCa =
        CertificateIssuer.selfSignedCa(
            CertificateSpec.ca(
                "etcd-ca",
                java.time.Instant.now().minusSeconds(60),
                java.time.Instant.now().plusSeconds(86400)),
            algorithm);
    pki.add(
        TenantCertificates.datastoreCertificate(
            TCP, "tenants_tenant-00", dataStoreCa, algorithm, java.time.Clock.systemUTC()));
    PkiFiles.write(dir, pki);
    Path ca = PkiFiles.file(dir, PkiSecret.CA, TCP, "ca.crt");
    Path frontProxyCa = PkiFiles.file(dir, PkiSecret.FRONT_PROXY_CA, TCP, "front-proxy-ca.crt");

    verify(ca, PkiFiles.file(dir, PkiSecret.API_SERVER, TCP, "apiserver.crt"), "sslserver");
    verify(
        ca,
        PkiFiles.file(
            dir, PkiSecret.API_SERVER_KUBELET_CLIENT, TCP, "apiserver-kubelet-client.crt"),
        "sslclient");
    verify(
        frontProxyCa,
        PkiFiles.file(dir, PkiSecret.FRONT_PROXY_CLIENT, TCP, "front-proxy-client.crt"),
        "sslclient");
    Path konnectivity = PkiFiles.file(dir, PkiSecret.KONNECTIVITY_CERTIFICATE, TCP, "tls.crt");
    verify(ca, konnectivity, "sslserver");
    verify(ca, konnectivity, "sslclient");
    Path datastore = PkiFiles.file(dir, PkiSecret.DATASTORE_CERTIFICATE, TCP, "server.crt");
    verify(
        PkiFiles.file(dir, PkiSecret.DATASTORE_CERTIFICATE, TCP, "ca.crt"), datastore, "sslclient");
    // The wrong CA is refused: the check can fail.
    assertThat(
            run(
                    "openssl",
                    "verify",
                    "-CAfile",
                    frontProxyCa.toString(),
                    PkiFiles.file(dir, PkiSecret.API_SERVER, TCP, "apiserver.crt").toString())
                .status())
        .isNotZero();

    String text =
        ok(
            "openssl",
            "x509",
            "-noout",
            "-text",
            "-in",
            PkiFiles.file(dir, PkiSecret.API_SERVER, TCP, "apiserver.crt").toString());
    assertThat(text)
        .contains("Subject: CN = kube-apiserver")
        .contains("Issuer: CN = kubernetes")
        .contains("CA:FALSE")
        .contains("TLS Web Server Authentication")
        .contains("DNS:kubernetes.default.svc.tenant.local")
        .contains("DNS:tenant-00.tenants.svc.cluster.local")
        .contains("IP Address:10.96.0.1")
        .contains("IP Address:FD00:10:96:0:0:0:0:1")
        .contains("IP Address:172.18.0.100")
        .contains(algorithm == KeyAlgorithm.RSA_2048 ? "rsaEncryption" : "prime256v1");
    String caText = ok("openssl", "x509", "-noout", "-text", "-in", ca.toString());
    assertThat(caText).contains("CA:TRUE").contains("Certificate Sign").contains("DNS:kubernetes");
    String konnectivityText =
        ok("openssl", "x509", "-noout", "-subject", "-in", konnectivity.toString());
    assertThat(konnectivityText).contains("O = system:masters, CN = system:konnectivity-server");

    // Every private key is readable and belongs to its certificate; sa.pub matches sa.key.
    for (SecretContent content : pki) {
      PkiSecret secret = content.secret();
      if (secret.kind() == PkiSecret.Kind.KUBECONFIG) {
        continue;
      }
      Path key = PkiFiles.file(dir, secret, TCP, secret.privateKeyKey());
      Path cert = PkiFiles.file(dir, secret, TCP, secret.certificateKey());
      String fromKey = ok("openssl", "pkey", "-in", key.toString(), "-pubout");
      String fromCert =
          secret == PkiSecret.SERVICE_ACCOUNT
              ? ok("openssl", "pkey", "-pubin", "-in", cert.toString(), "-pubout")
              : ok("openssl", "x509", "-noout", "-pubkey", "-in", cert.toString());
      assertThat(fromKey).as(content.name()).isEqualTo(fromCert);
      String header = Files.readAllLines(key, StandardCharsets.US_ASCII).get(0);
      assertThat(header)
          .isEqualTo(
              algorithm == KeyAlgorithm.RSA_2048
                  ? "-----BEGIN RSA PRIVATE KEY-----"
                  : "-----BEGIN EC PRIVATE KEY-----");
    }

    // Kubeconfig client certificates verify against the CA as clients.
    for (SecretContent content : pki) {
      if (content.secret().kind() != PkiSecret.Kind.KUBECONFIG) {
        continue;
      }
      for (var entry : content.data().entrySet()) {
        Path client = dir.resolve(content.name() + "-" + entry.getKey() + ".crt");
        Files.write(client, Kubeconfigs.parse(entry.getValue()).clientCertificate());
        verify(ca, client, "sslclient");
      }
    }
  }

  private static void verify(Path ca, Path certificate, String purpose) throws Exception {
    String out =
        ok(
            "openssl",
            "verify",
            "-purpose",
            purpose,
            "-CAfile",
            ca.toString(),
            certificate.toString());
    assertThat(out.strip()).isEqualTo(certificate + ": OK");
  }

  private record Result(int status, String output) {}

  private static String ok(String... command) throws Exception {
    Result result = run(command);
    assertThat(result.status()).as(String.join(" ", command) + "\n" + result.output()).isZero();
    return result.output();
  }

  private static Result run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("timeout: " + String.join(" ", command));
    }
    return new Result(process.exitValue(), output);
  }
}
