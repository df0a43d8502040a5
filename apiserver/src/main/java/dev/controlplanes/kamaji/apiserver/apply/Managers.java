package dev.controlplanes.kamaji.apiserver.apply;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The managedFields of one object during one write, keyed by manager identifier. Mutable. */
final class Managers {

  /** kube's encoding order: operation, time (seconds), manager, apiVersion, subresource. */
  static final Comparator<ManagedFieldsEntry> ENCODING_ORDER =
      Comparator.comparing((ManagedFieldsEntry e) -> e.operation().wireName())
          .thenComparingLong(e -> e.time() == null ? 0 : e.time().getEpochSecond())
          .thenComparing(ManagedFieldsEntry::manager)
          .thenComparing(ManagedFieldsEntry::apiVersion)
          .thenComparing(ManagedFieldsEntry::subresource);

  private final Map<String, ManagedFieldsEntry> byId = new LinkedHashMap<>();

  /** Later entries with the same identifier replace earlier ones, as in kube. */
  static Managers of(Collection<ManagedFieldsEntry> entries) {
    Managers managers = new Managers();
    entries.forEach(managers::put);
    return managers;
  }

  Managers copy() {
    return of(byId.values());
  }

  boolean isEmpty() {
    return byId.isEmpty();
  }

  ManagedFieldsEntry get(ManagedFieldsEntry key) {
    return byId.get(key.identifier());
  }

  /** Stores the entry, or drops it when it owns nothing (kube never keeps empty entries). */
  void put(ManagedFieldsEntry entry) {
    if (entry.fields().isEmpty()) {
      byId.remove(entry.identifier());
    } else {
      byId.put(entry.identifier(), entry);
    }
  }

  void remove(ManagedFieldsEntry entry) {
    byId.remove(entry.identifier());
  }

  List<ManagedFieldsEntry> entries() {
    return new ArrayList<>(byId.values());
  }

  FieldSet union() {
    FieldSet all = FieldSet.EMPTY;
    for (ManagedFieldsEntry e : byId.values()) {
      all = all.union(e.fields());
    }
    return all;
  }

  List<ManagedFieldsEntry> sorted() {
    List<ManagedFieldsEntry> out = entries();
    out.sort(ENCODING_ORDER);
    return out;
  }
}
