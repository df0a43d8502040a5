package dev.controlplanes.kamaji.apiserver.registry.tenantcontrolplane;

/**
 * Whether the management cluster serves the Gateway API and its TLSRoutes, which Kamaji's webhook
 * requires of a TenantControlPlane with {@code spec.controlPlane.gateway}.
 */
public interface GatewayApiAvailability {

  /** Without a management cluster nothing can be asked, nor is anything refused. */
  GatewayApiAvailability ASSUMED =
      new GatewayApiAvailability() {
        @Override
        public boolean gatewayApiServed() {
          return true;
        }

        @Override
        public boolean tlsRoutesServed() {
          return true;
        }
      };

  boolean gatewayApiServed();

  boolean tlsRoutesServed();
}
