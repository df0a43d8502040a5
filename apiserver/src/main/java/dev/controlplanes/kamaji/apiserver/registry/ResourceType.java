package dev.controlplanes.kamaji.apiserver.registry;

import dev.controlplanes.kamaji.api.schema.Schema;
import dev.controlplanes.kamaji.apiserver.errors.QualifiedResource;
import java.util.List;

/**
 * Everything the generic machinery needs to know about one served resource. Per-type code builds
 * one of these and nothing else; CRUD, watch, discovery, OpenAPI and tables are generic.
 */
public record ResourceType(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    Schema schema,
    Strategy strategy,
    List<PrinterColumn> printerColumns,
    List<String> subresources) {

  public String apiVersion() {
    return group + "/" + version;
  }

  public String listKind() {
    return kind + "List";
  }

  public QualifiedResource qualified() {
    return new QualifiedResource(plural, group);
  }

  public boolean hasSubresource(String name) {
    return subresources.contains(name);
  }

  /**
   * A {@code kubectl get} column.
   *
   * @param jsonPath a simple dotted path such as {@code .spec.kubernetes.version}, or null for the
   *     Name and Age columns, which come from metadata
   * @param type string, integer, number, boolean or date
   * @param priority 0 for always shown, higher for {@code -o wide} only
   */
  public record PrinterColumn(
      String name, String type, String format, String description, int priority, String jsonPath) {}
}
