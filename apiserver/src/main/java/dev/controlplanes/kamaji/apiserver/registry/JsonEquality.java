package dev.controlplanes.kamaji.apiserver.registry;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Comparisons of objects that leave some fields out, without copying either object: every write
 * compares the new state with the stored one, and copying both (a TenantControlPlane is a tree of a
 * few hundred nodes) cost more than the comparison itself.
 */
final class JsonEquality {

  private JsonEquality() {}

  /** Whether {@code a} and {@code b} have the same top-level fields, apart from {@code ignored}. */
  static boolean sameExcept(JsonObject a, JsonObject b, Set<String> ignored) {
    return covers(a, b, ignored) && covers(b, a, ignored);
  }

  private static boolean covers(JsonObject a, JsonObject b, Set<String> ignored) {
    for (Map.Entry<String, JsonElement> field : a.entrySet()) {
      if (!ignored.contains(field.getKey())
          && !Objects.equals(field.getValue(), b.get(field.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code a} and {@code b} are the same object, taking their managedFields entries as an
   * unordered collection and ignoring the entries' times (kube's
   * IgnoreManagedFieldsTimestampsTransformer: new times alone are no change).
   */
  static boolean sameIgnoringManagerTimes(JsonObject a, JsonObject b) {
    if (!sameExcept(a, b, Set.of("metadata"))) {
      return false;
    }
    JsonElement metaA = a.get("metadata");
    JsonElement metaB = b.get("metadata");
    if (!(metaA instanceof JsonObject ma) || !(metaB instanceof JsonObject mb)) {
      return Objects.equals(metaA, metaB);
    }
    if (!sameExcept(ma, mb, Set.of("managedFields"))) {
      return false;
    }
    JsonElement managedA = ma.get("managedFields");
    JsonElement managedB = mb.get("managedFields");
    if (!(managedA instanceof JsonArray ea) || !(managedB instanceof JsonArray eb)) {
      return Objects.equals(managedA, managedB);
    }
    return sameEntriesIgnoringTimes(ea, eb);
  }

  /** Equal as multisets of entries compared without their {@code time}; lists are short. */
  private static boolean sameEntriesIgnoringTimes(JsonArray a, JsonArray b) {
    if (a.size() != b.size()) {
      return false;
    }
    boolean[] matched = new boolean[b.size()];
    for (JsonElement entry : a) {
      boolean found = false;
      for (int i = 0; i < b.size() && !found; i++) {
        if (!matched[i] && sameEntry(entry, b.get(i))) {
          matched[i] = true;
          found = true;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameEntry(JsonElement a, JsonElement b) {
    if (a instanceof JsonObject oa && b instanceof JsonObject ob) {
      return sameExcept(oa, ob, Set.of("time"));
    }
    return a.equals(b);
  }
}
