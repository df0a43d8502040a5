package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.AdditionalMetadata;
import dev.controlplanes.kamaji.api.v1alpha1.IngressSpec;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.models.V1HTTPIngressPath;
import io.kubernetes.client.openapi.models.V1HTTPIngressRuleValue;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressBackend;
import io.kubernetes.client.openapi.models.V1IngressRule;
import io.kubernetes.client.openapi.models.V1IngressServiceBackend;
import io.kubernetes.client.openapi.models.V1IngressSpec;
import io.kubernetes.client.openapi.models.V1ServiceBackendPort;
import java.util.List;

/**
 * The Ingress {@code <tcp>} (§3.2 item 13): one rule for {@code ingress.hostname} (port stripped),
 * path {@code /} Prefix, to the Service's API port. TLS passthrough and the like come from the
 * user's annotations.
 */
public final class ControlPlaneIngress {

  public static final String COMPONENT = "ingress";

  private ControlPlaneIngress() {}

  /**
   * @throws IllegalArgumentException if the TCP has no ingress or the ingress has no hostname
   */
  public static V1Ingress build(TenantControlPlane tcp) {
    IngressSpec ingress = SpecDefaults.controlPlane(tcp).getIngress();
    if (ingress == null) {
      throw new IllegalArgumentException("the TenantControlPlane has no spec.controlPlane.ingress");
    }
    if (ingress.getHostname() == null || ingress.getHostname().isEmpty()) {
      throw new IllegalArgumentException(
          "missing hostname to expose the TenantControlPlane with an Ingress");
    }
    AdditionalMetadata extra = SpecDefaults.metadata(ingress.getAdditionalMetadata());
    String host = ingress.getHostname().split(":", -1)[0];

    V1HTTPIngressPath path =
        new V1HTTPIngressPath()
            .path("/")
            .pathType("Prefix")
            .backend(
                new V1IngressBackend()
                    .service(
                        new V1IngressServiceBackend()
                            .name(Names.service(tcp))
                            .port(new V1ServiceBackendPort().number(SpecDefaults.port(tcp)))));
    V1IngressSpec spec =
        new V1IngressSpec()
            .rules(
                List.of(
                    new V1IngressRule()
                        .host(host)
                        .http(new V1HTTPIngressRuleValue().paths(List.of(path)))));
    if (ingress.getIngressClassName() != null && !ingress.getIngressClassName().isEmpty()) {
      spec.ingressClassName(ingress.getIngressClassName());
    }
    return new V1Ingress()
        .apiVersion("networking.k8s.io/v1")
        .kind("Ingress")
        .metadata(
            Owners.metadata(
                tcp,
                Names.ingress(tcp),
                Labels.merge(
                    Labels.kamaji(tcp.getMetadata().getName(), COMPONENT), extra.getLabels()),
                Labels.merge(extra.getAnnotations())))
        .spec(spec);
  }
}
