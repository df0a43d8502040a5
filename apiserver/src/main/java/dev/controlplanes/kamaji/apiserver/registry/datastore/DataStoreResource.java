package dev.controlplanes.kamaji.apiserver.registry.datastore;

import dev.controlplanes.kamaji.api.schema.Schema;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType.PrinterColumn;
import dev.controlplanes.kamaji.apiserver.registry.Strategy;
import java.util.List;

/** How the cluster-scoped {@code datastores} is served. */
public final class DataStoreResource {

  private DataStoreResource() {}

  public static ResourceType create(Schema schema, Strategy strategy) {
    return new ResourceType(
        "kamaji.clastix.io",
        "v1alpha1",
        "DataStore",
        "datastores",
        "datastore",
        false,
        List.of(),
        List.of(),
        schema,
        strategy,
        List.of(
            new PrinterColumn("Name", "string", "name", "Name must be unique.", 0, null),
            new PrinterColumn(
                "Driver", "string", "", "Kamaji data store driver", 0, ".spec.driver"),
            new PrinterColumn(
                "Ready", "boolean", "", "Whether the DataStore is ready", 0, ".status.ready"),
            new PrinterColumn("Age", "date", "", "Age", 0, null)),
        List.of("status"));
  }
}
