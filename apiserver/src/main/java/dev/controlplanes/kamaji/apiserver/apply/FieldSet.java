package dev.controlplanes.kamaji.apiserver.apply;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.schema.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable set of {@link FieldPath}s, stored as a trie like structured-merge-diff's {@code
 * fieldpath.Set}: at each level the <em>members</em> (paths that end here) and the
 * <em>children</em> (non-empty subsets below an element). A path is in the set only when it is a
 * member; {@code spec.replicas} being in the set says nothing about {@code spec}.
 *
 * <p>{@link #toFieldsV1()} / {@link #fromFieldsV1(JsonElement)} convert to and from the {@code
 * fieldsV1} trie of a managedFields entry, where an element that is both a member and has children
 * carries a {@code ".": {}} entry.
 */
public final class FieldSet {

  public static final FieldSet EMPTY = new FieldSet(new TreeSet<>(), new TreeMap<>());

  private final NavigableSet<PathElement> members;
  private final NavigableMap<PathElement, FieldSet> children;

  private FieldSet(
      NavigableSet<PathElement> members, NavigableMap<PathElement, FieldSet> children) {
    this.members = Collections.unmodifiableNavigableSet(members);
    this.children = Collections.unmodifiableNavigableMap(children);
  }

  /** Wraps freshly built structures; children must all be non-empty. */
  static FieldSet create(TreeSet<PathElement> members, TreeMap<PathElement, FieldSet> children) {
    return new FieldSet(members, children);
  }

  public static FieldSet of(FieldPath... paths) {
    return of(List.of(paths));
  }

  public static FieldSet of(Collection<FieldPath> paths) {
    Builder builder = new Builder();
    paths.forEach(builder::insert);
    return builder.build();
  }

  /** Decodes a {@code fieldsV1} trie; throws IllegalArgumentException when it is malformed. */
  public static FieldSet fromFieldsV1(JsonElement fieldsV1) {
    return FieldsV1.decode(fieldsV1);
  }

  /**
   * The fields present in {@code object}, as server-side apply records them for an applied
   * configuration: every scalar and atomic value, every keyed or set list item, map keys not
   * declared as properties, and empty or null values; object nodes with declared properties only
   * through their children. {@code schema} is the kind's schema; {@code metadata} is always typed
   * as kube's ObjectMeta (labels and annotations granular maps, finalizers a set, ownerReferences a
   * map list keyed by {@code uid}).
   *
   * @throws ApplyException when a keyed list item lacks all its keys or a set holds an object
   */
  public static FieldSet fromObject(JsonElement object, Schema schema) {
    return FieldSets.of(object, TypeNode.root(schema), false);
  }

  public boolean isEmpty() {
    return members.isEmpty() && children.isEmpty();
  }

  public boolean has(FieldPath path) {
    FieldSet level = this;
    List<PathElement> elements = path.elements();
    for (int i = 0; i < elements.size() - 1 && level != null; i++) {
      level = level.children.get(elements.get(i));
    }
    return level != null
        && !elements.isEmpty()
        && level.members.contains(elements.get(elements.size() - 1));
  }

  /** The subset below {@code element}, without that element; empty when there is none. */
  public FieldSet withPrefix(PathElement element) {
    return children.getOrDefault(element, EMPTY);
  }

  public FieldSet union(FieldSet other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    TreeSet<PathElement> m = new TreeSet<>(members);
    m.addAll(other.members);
    TreeMap<PathElement, FieldSet> c = new TreeMap<>(children);
    other.children.forEach((pe, sub) -> c.merge(pe, sub, FieldSet::union));
    return new FieldSet(m, c);
  }

  public FieldSet intersection(FieldSet other) {
    TreeSet<PathElement> m = new TreeSet<>(members);
    m.retainAll(other.members);
    TreeMap<PathElement, FieldSet> c = new TreeMap<>();
    children.forEach(
        (pe, sub) -> {
          FieldSet theirs = other.children.get(pe);
          if (theirs != null) {
            putIfNotEmpty(c, pe, sub.intersection(theirs));
          }
        });
    return new FieldSet(m, c);
  }

  /** The paths of this set that are not in {@code other}; paths below them are unaffected. */
  public FieldSet difference(FieldSet other) {
    return subtract(other, false);
  }

  /** Like {@link #difference} but a member of {@code other} also removes everything below it. */
  public FieldSet recursiveDifference(FieldSet other) {
    return subtract(other, true);
  }

  /** The members that have no children (the leaf paths). */
  public FieldSet leaves() {
    TreeSet<PathElement> m = new TreeSet<>(members);
    m.removeAll(children.keySet());
    TreeMap<PathElement, FieldSet> c = new TreeMap<>();
    children.forEach((pe, sub) -> putIfNotEmpty(c, pe, sub.leaves()));
    return new FieldSet(m, c);
  }

  /** Every path in the set, in structured-merge-diff's iteration order. */
  public List<FieldPath> paths() {
    List<FieldPath> out = new ArrayList<>();
    collect(new FieldPath(List.of()), out);
    return out;
  }

  public int size() {
    int n = members.size();
    for (FieldSet sub : children.values()) {
      n += sub.size();
    }
    return n;
  }

  /** The {@code fieldsV1} encoding, keys in structured-merge-diff order. */
  public JsonObject toFieldsV1() {
    return FieldsV1.encode(this);
  }

  NavigableSet<PathElement> members() {
    return members;
  }

  NavigableMap<PathElement, FieldSet> children() {
    return children;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet other
        && members.equals(other.members)
        && children.equals(other.children);
  }

  @Override
  public int hashCode() {
    return Objects.hash(members, children);
  }

  @Override
  public String toString() {
    return toFieldsV1().toString();
  }

  private FieldSet subtract(FieldSet other, boolean recursive) {
    if (other.isEmpty() || isEmpty()) {
      return this;
    }
    TreeSet<PathElement> m = new TreeSet<>(members);
    m.removeAll(other.members);
    TreeMap<PathElement, FieldSet> c = new TreeMap<>();
    children.forEach(
        (pe, sub) -> {
          if (recursive && other.members.contains(pe)) {
            return;
          }
          FieldSet theirs = other.children.get(pe);
          putIfNotEmpty(c, pe, theirs == null ? sub : sub.subtract(theirs, recursive));
        });
    return new FieldSet(m, c);
  }

  private void collect(FieldPath prefix, List<FieldPath> out) {
    members.forEach(pe -> out.add(prefix.append(pe)));
    children.forEach((pe, sub) -> sub.collect(prefix.append(pe), out));
  }

  private static void putIfNotEmpty(Map<PathElement, FieldSet> map, PathElement pe, FieldSet set) {
    if (!set.isEmpty()) {
      map.put(pe, set);
    }
  }

  /** Accumulates paths; not thread-safe, single use. */
  static final class Builder {
    private final TreeSet<PathElement> members = new TreeSet<>();
    private final TreeMap<PathElement, Builder> children = new TreeMap<>();

    Builder insert(FieldPath path) {
      Builder level = this;
      List<PathElement> elements = path.elements();
      if (elements.isEmpty()) {
        return this;
      }
      for (PathElement pe : elements.subList(0, elements.size() - 1)) {
        level = level.children.computeIfAbsent(pe, k -> new Builder());
      }
      level.members.add(elements.get(elements.size() - 1));
      return this;
    }

    FieldSet build() {
      TreeMap<PathElement, FieldSet> built = new TreeMap<>();
      children.forEach((pe, b) -> putIfNotEmpty(built, pe, b.build()));
      return new FieldSet(new TreeSet<>(members), built);
    }
  }
}
