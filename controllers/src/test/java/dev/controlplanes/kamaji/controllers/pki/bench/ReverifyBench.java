package dev.controlplanes.kamaji.controllers.pki.bench;

import dev.controlplanes.kamaji.controllers.pki.CertificateBundle;
import dev.controlplanes.kamaji.controllers.pki.CertificateChecks;
import dev.controlplanes.kamaji.controllers.pki.KeyAlgorithm;
import dev.controlplanes.kamaji.controllers.pki.PkiSecret;
import dev.controlplanes.kamaji.controllers.pki.SecretContent;
import dev.controlplanes.kamaji.controllers.pki.TenantCertificates;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of re-checking converged tenant PKIs as a converged reconcile pass does: every item of
 * one tenant (the 11 PKI Secrets and the etcd datastore certificate, 15 checks), each with a new
 * {@link CertificateChecks} and fresh copies of the bytes, as the Secret resources do. Measured on
 * the calling thread with ThreadMXBean after a warm-up in the same JVM. Not a test: run by hand,
 * see docs/benchmarks.md (Tenant PKI).
 *
 * <p>Arguments: {@code [algorithm warmup passes tenants]}, default {@code ECDSA_P256 1000 1000 1};
 * with more tenants the passes cycle over that many distinct PKIs.
 */
public final class ReverifyBench {

  private ReverifyBench() {}

  public static void main(String[] args) {
    KeyAlgorithm algorithm = KeyAlgorithm.valueOf(args.length > 0 ? args[0] : "ECDSA_P256");
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int passes = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int tenants = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    List<TenantCertificates> pkis = new ArrayList<>();
    List<Map<PkiSecret, Map<String, byte[]>>> data = new ArrayList<>();
    for (int t = 0; t < tenants; t++) {
      TenantCertificates pki =
          new TenantCertificates(
              PkiBench.parameters(String.format(Locale.ROOT, "tenant-%04d", t), algorithm));
      Map<PkiSecret, Map<String, byte[]>> secrets = new EnumMap<>(PkiSecret.class);
      for (SecretContent content : pki.issueAll()) {
        secrets.put(content.secret(), content.data());
      }
      CertificateBundle dataStoreCa = pki.ca().bundle();
      secrets.put(
          PkiSecret.DATASTORE_CERTIFICATE,
          TenantCertificates.datastoreCertificate(
                  pki.parameters().name(), "tenant", dataStoreCa, algorithm, Clock.systemUTC())
              .data());
      pkis.add(pki);
      data.add(secrets);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    threads.setThreadCpuTimeEnabled(true);
    for (int i = 0; i < warmup; i++) {
      pass(pkis.get(i % tenants), data.get(i % tenants));
    }
    long[] cpu = new long[passes];
    long total = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < passes; i++) {
      long start = threads.getCurrentThreadCpuTime();
      pass(pkis.get(i % tenants), data.get(i % tenants));
      cpu[i] = threads.getCurrentThreadCpuTime() - start;
    }
    total = threads.getCurrentThreadCpuTime() - total;
    Arrays.sort(cpu);
    System.out.printf(
        Locale.ROOT,
        "%s, %d tenant(s), warm-up %d, %d passes: CPU total %.1f ms; per pass mean %.3f ms,"
            + " p50 %.3f, p90 %.3f, max %.3f%n",
        algorithm,
        tenants,
        warmup,
        passes,
        total / 1e6,
        total / 1e6 / passes,
        cpu[passes / 2] / 1e6,
        cpu[(int) (passes * 0.9)] / 1e6,
        cpu[passes - 1] / 1e6);
  }

  private static void pass(TenantCertificates pki, Map<PkiSecret, Map<String, byte[]>> secrets) {
    for (Map.Entry<PkiSecret, Map<String, byte[]>> entry : secrets.entrySet()) {
      PkiSecret secret = entry.getKey();
      PkiSecret issuer = secret.issuer();
      byte[] issuerCa =
          secret == PkiSecret.DATASTORE_CERTIFICATE
              ? entry.getValue().get("ca.crt").clone()
              : issuer == null ? null : secrets.get(issuer).get(issuer.certificateKey()).clone();
      Map<String, byte[]> copy = new HashMap<>();
      entry.getValue().forEach((key, value) -> copy.put(key, value.clone()));
      CertificateChecks checks = new CertificateChecks(Duration.ofHours(24), Clock.systemUTC());
      CertificateChecks.Verdict verdict = pki.verify(checks, secret, copy, Map.of(), issuerCa);
      if (verdict != CertificateChecks.Verdict.VALID) {
        throw new IllegalStateException(secret + " is " + verdict);
      }
    }
  }
}
