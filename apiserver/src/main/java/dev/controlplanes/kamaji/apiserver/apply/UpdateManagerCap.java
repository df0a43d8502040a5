package dev.controlplanes.kamaji.apiserver.apply;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * kube's cap on Update entries: past {@value #MAX_UPDATE_MANAGERS}, the oldest Update entries are
 * merged, per API version, into one {@code ancient-changes} entry.
 */
final class UpdateManagerCap {

  static final int MAX_UPDATE_MANAGERS = 10;
  static final String BUCKET_MANAGER = "ancient-changes";

  private UpdateManagerCap() {}

  static void apply(Managers managers) {
    List<ManagedFieldsEntry> updaters =
        managers.entries().stream()
            .filter(e -> e.operation() == ManagedFieldsEntry.Operation.UPDATE)
            .sorted(
                Comparator.comparingLong(
                        (ManagedFieldsEntry e) -> e.time() == null ? 0 : e.time().getEpochSecond())
                    .thenComparing(ManagedFieldsEntry::identifier))
            .toList();
    int count = updaters.size();
    Map<String, ManagedFieldsEntry> firstByVersion = new HashMap<>();
    for (int i = 0; i < updaters.size() && count > MAX_UPDATE_MANAGERS; i++) {
      ManagedFieldsEntry oldest = updaters.get(i);
      ManagedFieldsEntry bucketKey =
          ManagedFieldsEntry.update(BUCKET_MANAGER, oldest.apiVersion(), "");
      ManagedFieldsEntry first = firstByVersion.get(oldest.apiVersion());
      if (first == null) {
        firstByVersion.put(oldest.apiVersion(), oldest);
        continue;
      }
      if (oldest.identifier().equals(bucketKey.identifier())) {
        continue; // kube would delete the bucket here; keep it instead
      }
      ManagedFieldsEntry bucket = managers.get(bucketKey);
      if (bucket == null) {
        managers.remove(first);
        bucket = bucketKey.withFields(first.fields());
      }
      managers.remove(oldest);
      managers.put(
          bucket.withFields(bucket.fields().union(oldest.fields())).withTime(oldest.time()));
      count--;
    }
  }
}
