package dev.controlplanes.kamaji.controllers.resources;

import dev.controlplanes.kamaji.controllers.kube.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks resources in order. A resource whose status lags gets it updated at once on the pass's
 * working copy, so the resources after it see it, and the pass continues with the next one; a
 * {@link dev.controlplanes.kamaji.controllers.errors.RequeueException} ends the pass (the caller
 * requeues).
 *
 * <p>The status changes of a pass are written together when it ends, however it ends, in one write
 * that replays them in order on the stored object (again on a fresh read after a conflict). Kamaji
 * writes after each resource instead; the stored states are the same, but a first pass that records
 * some fifteen certificates, Secrets and the Deployment costs one write and one watch event per
 * watcher rather than fifteen.
 */
public final class ResourcePipeline<P> {

  private static final Logger LOG = LoggerFactory.getLogger(ResourcePipeline.class);

  /** What one resource did in a pass. */
  public record Step(String resource, WriteResult result, boolean statusChanged) {}

  /** The parent after the pass and the steps taken. */
  public record Result<P>(P parent, List<Step> steps) {

    public boolean changedAnything() {
      return steps.stream().anyMatch(s -> s.result().changed() || s.statusChanged());
    }
  }

  private final StatusWriter<P> status;
  private final UnaryOperator<P> copy;
  private final Function<P, ?> phase;
  private final ParentWrites<P> parentWrites;

  /**
   * How a resource's own write of the parent object (a finalizer) reaches the pass's stored base:
   * the resource leaves the stored metadata on the working copy, and when the working copy's {@code
   * version} changed during a step, {@code adopt(stored, working)} gives the new base. Without it
   * the pass's status write would start from an outdated resourceVersion and cost a conflict and a
   * fresh read.
   */
  public record ParentWrites<P>(Function<P, ?> version, BinaryOperator<P> adopt) {

    /** For parents that no resource writes. */
    public static <P> ParentWrites<P> none() {
      return new ParentWrites<>(p -> null, (stored, working) -> stored);
    }
  }

  /**
   * @param status writes status changes to the stored parent
   * @param copy a deep copy of a parent: the pass's working copy, so that the parent it was given
   *     stays the stored state the changes are replayed on
   * @param phase the part of the status whose changes are written at once
   * @param parentWrites how resources' own writes of the parent reach the stored base
   */
  public ResourcePipeline(
      StatusWriter<P> status,
      UnaryOperator<P> copy,
      Function<P, ?> phase,
      ParentWrites<P> parentWrites) {
    this.status = status;
    this.copy = copy;
    this.phase = phase;
    this.parentWrites = parentWrites;
  }

  public Result<P> run(P parent, List<? extends ManagedResource<P>> resources) {
    List<Step> steps = new ArrayList<>();
    List<Consumer<P>> changes = new ArrayList<>();
    P current = copy.apply(parent);
    P stored = parent;
    RuntimeException failure = null;
    try {
      for (ManagedResource<P> resource : resources) {
        Object version = parentWrites.version().apply(current);
        WriteResult result =
            resource.shouldCleanup(current)
                ? resource.cleanUp(current)
                : resource.createOrUpdate(current);
        if (!Objects.equals(version, parentWrites.version().apply(current))) {
          stored = parentWrites.adopt().apply(stored, current);
        }
        boolean statusChanged = resource.shouldUpdateStatus(current);
        if (statusChanged) {
          Object phaseBefore = phase.apply(current);
          resource.updateStatus(current);
          changes.add(resource::updateStatus);
          if (!Objects.equals(phaseBefore, phase.apply(current))) {
            stored = write(stored, changes);
          }
        }
        if (result.changed() || statusChanged) {
          LOG.debug(
              "resource {}: {}{}",
              resource.name(),
              result,
              statusChanged ? ", status changed" : "");
        }
        steps.add(new Step(resource.name(), result, statusChanged));
      }
    } catch (RuntimeException e) {
      failure = e;
    }
    if (!changes.isEmpty()) {
      try {
        stored = write(stored, changes);
      } catch (RuntimeException e) {
        if (failure == null) {
          throw e;
        }
        // The pass's own error decides the requeue; requeue sentinels keep no suppressed list.
        LOG.warn("status write after an interrupted pass failed: {}", e.toString());
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return new Result<>(stored, List.copyOf(steps));
  }

  /** Writes the pending changes on top of {@code stored}; returns what was stored. */
  private P write(P stored, List<Consumer<P>> changes) {
    List<Consumer<P>> pending = List.copyOf(changes);
    changes.clear();
    return status.write(stored, p -> pending.forEach(change -> change.accept(p)));
  }
}
