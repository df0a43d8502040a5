package dev.controlplanes.kamaji.controllers.resources.certificates;

import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.errors.RequeueException;
import dev.controlplanes.kamaji.controllers.model.KubeadmConfig;
import dev.controlplanes.kamaji.controllers.model.SpecDefaults;
import dev.controlplanes.kamaji.controllers.pki.KeyAlgorithm;
import dev.controlplanes.kamaji.controllers.pki.TenantCertificates;
import dev.controlplanes.kamaji.controllers.pki.TenantPkiParameters;
import dev.controlplanes.kamaji.controllers.resources.ControlPlaneAddress;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import java.util.ArrayList;
import java.util.List;

/** The PKI parameters of a TenantControlPlane as it is now (after the Service step). */
public final class TenantPki {

  private TenantPki() {}

  public static TenantCertificates of(TenantControlPlane tcp, TenantContext context) {
    String address =
        ControlPlaneAddress.known(tcp)
            .orElseThrow(() -> new RequeueException("the control-plane address is not known yet"));
    int port = SpecDefaults.port(tcp);
    String endpoint = KubeadmConfig.controlPlaneEndpoint(tcp, address);
    int colon = endpoint.lastIndexOf(':');
    String host = endpoint.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int endpointPort = Integer.parseInt(endpoint.substring(colon + 1));
    List<String> sans = new ArrayList<>();
    List<String> userSans = SpecDefaults.network(tcp).getCertSANs();
    if (userSans != null) {
      sans.addAll(userSans);
    }
    String advertised = KubeadmConfig.advertisedAddress(tcp, address);
    if (!advertised.equals(address)) {
      sans.add(advertised);
    }
    TenantPkiParameters parameters =
        TenantPkiParameters.of(
                tcp.getMetadata().getName(),
                tcp.getMetadata().getNamespace(),
                SpecDefaults.clusterDomain(tcp),
                SpecDefaults.serviceCidrs(tcp),
                address,
                port)
            .withEndpoint(host, endpointPort)
            .withCertSans(sans)
            .withAlgorithm(algorithm(context.options().keyAlgorithm()))
            .withClock(context.clock());
    return new TenantCertificates(parameters);
  }

  /** {@code RSA}/{@code RSA-2048} or {@code ECDSA}/{@code ECDSA-P256} (kubeadm's names). */
  public static KeyAlgorithm algorithm(String name) {
    return switch (name.toUpperCase(java.util.Locale.ROOT)) {
      case "RSA", "RSA-2048", "RSA_2048" -> KeyAlgorithm.RSA_2048;
      case "ECDSA", "ECDSA-P256", "ECDSA_P256" -> KeyAlgorithm.ECDSA_P256;
      default -> throw new IllegalArgumentException("unknown key algorithm " + name);
    };
  }
}
