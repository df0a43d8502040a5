package dev.controlplanes.kamaji.apiserver.apply;

import com.google.gson.JsonObject;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Removal of the fields an applier stopped applying, as structured-merge-diff's {@code
 * Updater.prune}: a field goes when the applying manager applied it last time, does not apply it
 * now, and no manager (the applier's new configuration included) owns it.
 */
final class Pruning {

  private final TypeNode root;

  Pruning(TypeNode root) {
    this.root = root;
  }

  /**
   * @param merged the live object merged with the new configuration
   * @param owned the union of every manager's fields, the applier's new set included
   * @param lastApplied what the applier owned before this apply
   */
  JsonObject prune(JsonObject merged, FieldSet owned, FieldSet lastApplied) {
    if (lastApplied.isEmpty()) {
      return merged;
    }
    FieldSet last = withNamedFields(lastApplied);
    JsonObject pruned = Remover.remove(merged, last, root);
    FieldSet mergedSet = withNamedFields(FieldSets.of(merged, root, false));
    // Put back whatever another manager (or the new configuration) still owns.
    FieldSet keep =
        withNamedFields(FieldSets.of(pruned, root, false)).union(withNamedFields(owned));
    // A map emptied here stays (as null) so that its own path does not count as gone below.
    JsonObject ownedBack = Remover.removeKeepingEmptied(merged, mergedSet.difference(keep), root);
    // Only remove what the applier itself owned: unowned ("dangling") fields stay.
    FieldSet gone = mergedSet.difference(withNamedFields(FieldSets.of(ownedBack, root, false)));
    return Remover.remove(merged, gone.intersection(last), root);
  }

  /**
   * Adds the declared object fields along every path as members ({@code a.b.c} then also owns
   * {@code a} when {@code a} is a struct field, but not a map key), so that removing a struct field
   * removes the whole field rather than leaving an empty object.
   */
  FieldSet withNamedFields(FieldSet set) {
    return withNamedFields(set, root);
  }

  private static FieldSet withNamedFields(FieldSet set, TypeNode node) {
    TreeSet<PathElement> members = new TreeSet<>(set.members());
    TreeMap<PathElement, FieldSet> children = new TreeMap<>();
    set.children()
        .forEach(
            (pe, sub) -> {
              TypeNode child;
              if (pe instanceof PathElement.Field f) {
                child = node.field(f.name());
                if (node.isNamedField(f.name())) {
                  members.add(pe);
                }
              } else {
                child = node.items();
              }
              children.put(pe, withNamedFields(sub, child));
            });
    return FieldSet.create(members, children);
  }
}
