package dev.controlplanes.kamaji.apiserver.apply;

/**
 * The difference between two objects as field sets: what the right-hand side added, modified
 * (leaves only) and removed. Non-atomic nodes appear only as added or removed.
 */
record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {

  /** Drops the given paths and everything below them from all three sets. */
  Comparison excluding(FieldSet reset) {
    return new Comparison(
        added.recursiveDifference(reset),
        modified.recursiveDifference(reset),
        removed.recursiveDifference(reset));
  }
}
