package dev.controlplanes.kamaji.controllers.resources;

import dev.controlplanes.kamaji.controllers.kube.WriteResult;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks resources in order. A resource that changed something gets its status written at once and
 * the pass continues with the next one; a {@link
 * dev.controlplanes.kamaji.controllers.errors.RequeueException} ends the pass (the caller
 * requeues).
 */
public final class ResourcePipeline<P> {

  private static final Logger LOG = LoggerFactory.getLogger(ResourcePipeline.class);

  /** What one resource did in a pass. */
  public record Step(String resource, WriteResult result, boolean statusWritten) {}

  /** The parent after the pass and the steps taken. */
  public record Result<P>(P parent, List<Step> steps) {

    public boolean changedAnything() {
      return steps.stream().anyMatch(s -> s.result().changed() || s.statusWritten());
    }
  }

  private final StatusWriter<P> status;

  public ResourcePipeline(StatusWriter<P> status) {
    this.status = status;
  }

  public Result<P> run(P parent, List<? extends ManagedResource<P>> resources) {
    List<Step> steps = new ArrayList<>();
    P current = parent;
    for (ManagedResource<P> resource : resources) {
      WriteResult result =
          resource.shouldCleanup(current)
              ? resource.cleanUp(current)
              : resource.createOrUpdate(current);
      boolean written = false;
      if (resource.shouldUpdateStatus(current)) {
        current = status.write(current, resource::updateStatus);
        written = true;
      }
      if (result.changed() || written) {
        LOG.debug("resource {}: {}{}", resource.name(), result, written ? ", status updated" : "");
      }
      steps.add(new Step(resource.name(), result, written));
    }
    return new Result<>(current, List.copyOf(steps));
  }
}
