package dev.controlplanes.kamaji.controllers.pki.bench;

import dev.controlplanes.kamaji.controllers.pki.CertificateBundle;
import dev.controlplanes.kamaji.controllers.pki.KeyAlgorithm;
import dev.controlplanes.kamaji.controllers.pki.SecretContent;
import dev.controlplanes.kamaji.controllers.pki.TenantCertificates;
import dev.controlplanes.kamaji.controllers.pki.TenantPkiParameters;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * CPU time of one tenant's full PKI (every certificate, key and kubeconfig of {@link
 * TenantCertificates#issueAll()}) per key algorithm, measured on the calling thread with
 * ThreadMXBean after a warm-up. Run by {@code hack/bench/pki.sh}.
 *
 * <p>Arguments: {@code [rsaWarmup rsaIterations ecWarmup ecIterations]}, default 10 40 300 1000.
 */
public final class PkiBench {

  private PkiBench() {}

  public static void main(String[] args) {
    int[] counts = {10, 40, 300, 1000};
    for (int i = 0; i < Math.min(args.length, counts.length); i++) {
      counts[i] = Integer.parseInt(args[i]);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("thread CPU time is not supported here");
    }
    threads.setThreadCpuTimeEnabled(true);
    System.out.println(
        "| algorithm | what | warm-up | n | CPU mean ms | CPU p50 ms | CPU p90 ms | CPU max ms |"
            + " wall mean ms |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    measureAlgorithm(threads, KeyAlgorithm.RSA_2048, counts[0], counts[1]);
    measureAlgorithm(threads, KeyAlgorithm.ECDSA_P256, counts[2], counts[3]);
  }

  private static void measureAlgorithm(
      ThreadMXBean threads, KeyAlgorithm algorithm, int warmup, int iterations) {
    if (iterations == 0) {
      return;
    }
    TenantCertificates certificates = new TenantCertificates(parameters("tenant-00", algorithm));
    CertificateBundle ca = certificates.ca().bundle();
    report(
        threads,
        algorithm,
        "full PKI (11 Secrets: 11 keys, 10 certificates, 7 kubeconfigs)",
        warmup,
        iterations,
        () -> certificates.issueAll());
    report(threads, algorithm, "one key pair", warmup, iterations, algorithm::generate);
    report(
        threads,
        algorithm,
        "one leaf (key + certificate + PEM)",
        warmup,
        iterations,
        () -> certificates.apiServer(ca));
    if (algorithm == KeyAlgorithm.ECDSA_P256) {
      // Why EC goes through BouncyCastle: the same two operations on the JDK's SunEC provider.
      report(
          threads,
          algorithm,
          "one key pair, JDK SunEC (for comparison)",
          warmup,
          iterations,
          PkiBench::sunEcKeyPair);
      KeyPair signer = sunEcKeyPair();
      report(
          threads,
          algorithm,
          "one SHA256withECDSA signature, JDK SunEC",
          warmup,
          iterations,
          () -> sign(signer, null));
      report(
          threads,
          algorithm,
          "one SHA256withECDSA signature, BouncyCastle",
          warmup,
          iterations,
          () -> sign(signer, BOUNCY_CASTLE));
    }
  }

  /** The benchmarks' tenant: one service CIDR, one extra SAN. */
  static TenantPkiParameters parameters(String name, KeyAlgorithm algorithm) {
    return TenantPkiParameters.of(
            name, "tenants", "cluster.local", List.of("10.96.0.0/16"), "172.18.0.100", 6443)
        .withCertSans(List.of("api.example.com"))
        .withAlgorithm(algorithm);
  }

  private static final java.security.Provider BOUNCY_CASTLE =
      new org.bouncycastle.jce.provider.BouncyCastleProvider();

  private static KeyPair sunEcKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sign(KeyPair keys, java.security.Provider provider) {
    try {
      Signature signature =
          provider == null
              ? Signature.getInstance("SHA256withECDSA", "SunEC")
              : Signature.getInstance("SHA256withECDSA", provider);
      signature.initSign(keys.getPrivate());
      signature.update(new byte[600]);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void report(
      ThreadMXBean threads,
      KeyAlgorithm algorithm,
      String what,
      int warmup,
      int iterations,
      Supplier<?> work) {
    Object sink = null;
    for (int i = 0; i < warmup; i++) {
      sink = work.get();
    }
    long[] cpu = new long[iterations];
    long wallTotal = 0;
    for (int i = 0; i < iterations; i++) {
      long wallStart = System.nanoTime();
      long cpuStart = threads.getCurrentThreadCpuTime();
      sink = work.get();
      cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
      wallTotal += System.nanoTime() - wallStart;
    }
    if (sink instanceof List<?> list && list.size() != 11) {
      throw new IllegalStateException("expected 11 Secrets");
    }
    if (sink instanceof SecretContent content && content.data().isEmpty()) {
      throw new IllegalStateException("empty Secret");
    }
    Arrays.sort(cpu);
    double mean = Arrays.stream(cpu).average().orElse(0) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "| %s | %s | %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
        algorithm,
        what,
        warmup,
        iterations,
        mean,
        cpu[iterations / 2] / 1e6,
        cpu[(int) (iterations * 0.9)] / 1e6,
        cpu[iterations - 1] / 1e6,
        wallTotal / 1e6 / iterations);
  }
}
