package dev.controlplanes.kamaji.apiserver.registry.tenantcontrolplane;

import dev.controlplanes.kamaji.api.schema.Schema;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType.PrinterColumn;
import dev.controlplanes.kamaji.apiserver.registry.Strategy;
import java.util.List;

/** How {@code tenantcontrolplanes} is served: names, scope, columns and subresources. */
public final class TenantControlPlaneResource {

  private TenantControlPlaneResource() {}

  public static ResourceType create(Schema schema, Strategy strategy) {
    return new ResourceType(
        "kamaji.clastix.io",
        "v1alpha1",
        "TenantControlPlane",
        "tenantcontrolplanes",
        "tenantcontrolplane",
        true,
        List.of("tcp"),
        List.of("kamaji"),
        schema,
        strategy,
        List.of(
            new PrinterColumn(
                "Name", "string", "name", "Name must be unique within a namespace.", 0, null),
            new PrinterColumn(
                "Version", "string", "", "Kubernetes version", 0, ".spec.kubernetes.version"),
            new PrinterColumn(
                "Installed Version",
                "string",
                "",
                "The actual installed Kubernetes version from status",
                0,
                ".status.kubernetesResources.version.version"),
            new PrinterColumn(
                "Status", "string", "", "Status", 0, ".status.kubernetesResources.version.status"),
            new PrinterColumn(
                "Control-Plane endpoint",
                "string",
                "",
                "Tenant Control Plane Endpoint (API server)",
                0,
                ".status.controlPlaneEndpoint"),
            new PrinterColumn(
                "Kubeconfig",
                "string",
                "",
                "Secret which contains admin kubeconfig",
                0,
                ".status.kubeconfig.admin.secretName"),
            new PrinterColumn(
                "Datastore",
                "string",
                "",
                "DataStore actually used",
                0,
                ".status.storage.dataStoreName"),
            new PrinterColumn("Age", "date", "", "Age", 0, null)),
        List.of("status", "scale", KubeconfigSubresource.NAME));
  }
}
