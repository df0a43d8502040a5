package dev.controlplanes.kamaji.apiserver.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving TLS context: a certificate from flags, or for local runs a self-signed CA and serving
 * certificate generated once into a directory. Client certificates are requested, not required
 * (kubelet probes have none), and verified by the authenticators.
 */
public final class ServingCertificates {

  private static final Logger LOG = LoggerFactory.getLogger(ServingCertificates.class);

  private ServingCertificates() {}

  public static SslContext sslContext(
      Path certificateFile, Path keyFile, Supplier<List<X509Certificate>> clientIssuers)
      throws IOException {
    List<X509Certificate> chain = PemFiles.readCertificates(certificateFile);
    PrivateKey key = PemFiles.readPrivateKey(keyFile);
    return SslContextBuilder.forServer(key, chain.toArray(new X509Certificate[0]))
        .clientAuth(ClientAuth.OPTIONAL)
        .trustManager(new DeferredClientTrustManager(clientIssuers))
        .protocols("TLSv1.3", "TLSv1.2")
        // HTTP/2 first, as Go's servers: kube-apiserver then multiplexes every request and watch
        // it proxies to us over one connection instead of opening one per concurrent stream.
        .applicationProtocolConfig(
            new ApplicationProtocolConfig(
                ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                ApplicationProtocolNames.HTTP_2,
                ApplicationProtocolNames.HTTP_1_1))
        .build();
  }

  /**
   * Returns {@code apiserver.crt}/{@code apiserver.key} in {@code dir}, generating a self-signed CA
   * ({@code ca.crt}) and a serving certificate for {@code names} when they do not exist yet.
   */
  public static Path[] selfSigned(Path dir, String... names) throws IOException {
    Path cert = dir.resolve("apiserver.crt");
    Path key = dir.resolve("apiserver.key");
    if (Files.exists(cert) && Files.exists(key)) {
      return new Path[] {cert, key};
    }
    Files.createDirectories(dir);
    CertificateAuthority ca = CertificateAuthority.create("kamaji-apiserver-local-ca");
    Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
    ca.issueServer(names.length == 0 ? "localhost" : names[0], names).writePem(cert, key);
    LOG.info("generated a self-signed serving certificate in {} (local use only)", dir);
    return new Path[] {cert, key};
  }
}
