package dev.controlplanes.kamaji.apiserver.bench;

import dev.controlplanes.kamaji.apiserver.tls.CertificateAuthority;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the throw-away PKI of one benchmark run into a directory: a serving CA and a serving
 * certificate for 127.0.0.1, and a client CA with an admin certificate in group system:masters
 * (what the stand-alone server admits). Run by {@code hack/bench/run.sh}; not a test.
 *
 * <pre>
 *   serving-ca.crt  serving.crt serving.key   (--tls-cert-file / --tls-private-key-file)
 *   client-ca.crt                             (--client-ca-file)
 *   admin.crt admin.key                       (the load generator's identity)
 * </pre>
 */
public final class BenchCerts {

  private BenchCerts() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: BenchCerts <output-dir>");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    CertificateAuthority servingCa = CertificateAuthority.create("bench-serving-ca");
    CertificateAuthority clientCa = CertificateAuthority.create("bench-client-ca");
    Files.writeString(dir.resolve("serving-ca.crt"), servingCa.certificatePem());
    servingCa
        .issueServer("localhost", "localhost", "127.0.0.1")
        .writePem(dir.resolve("serving.crt"), dir.resolve("serving.key"));
    Files.writeString(dir.resolve("client-ca.crt"), clientCa.certificatePem());
    clientCa
        .issueClient("bench-admin", "system:masters")
        .writePem(dir.resolve("admin.crt"), dir.resolve("admin.key"));
  }
}
