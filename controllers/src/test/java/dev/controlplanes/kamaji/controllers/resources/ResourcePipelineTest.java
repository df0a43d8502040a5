package dev.controlplanes.kamaji.controllers.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.controllers.errors.LoadBalancerPendingException;
import dev.controlplanes.kamaji.controllers.kube.WriteResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourcePipelineTest {

  /** A parent whose "status" is a map of resource name to recorded result. */
  record Parent(Map<String, String> status) {}

  private final List<String> calls = new ArrayList<>();
  private int statusWrites;

  private final List<Map<String, String>> written = new ArrayList<>();

  private final ResourcePipeline<Parent> pipeline =
      new ResourcePipeline<>(
          (parent, change) -> {
            statusWrites++;
            Parent copy = copy(parent);
            change.accept(copy);
            written.add(copy.status());
            return copy;
          },
          ResourcePipelineTest::copy,
          parent -> parent.status().get("phase"),
          ResourcePipeline.ParentWrites.none());

  private static Parent copy(Parent parent) {
    return new Parent(new HashMap<>(parent.status()));
  }

  private ManagedResource<Parent> resource(String name, WriteResult result, boolean cleanup) {
    return new ManagedResource<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean shouldCleanup(Parent parent) {
        return cleanup;
      }

      @Override
      public WriteResult cleanUp(Parent parent) {
        calls.add("cleanUp " + name);
        return WriteResult.DELETED;
      }

      @Override
      public WriteResult createOrUpdate(Parent parent) {
        calls.add("createOrUpdate " + name);
        if (result == null) {
          throw new LoadBalancerPendingException(name);
        }
        return result;
      }

      @Override
      public boolean shouldUpdateStatus(Parent parent) {
        return !result.name().equals(parent.status().get(name));
      }

      @Override
      public void updateStatus(Parent parent) {
        parent.status().put(name, result.name());
      }
    };
  }

  @Test
  void walksInOrderAndWritesTheLaggingStatusOnceAtTheEnd() {
    Parent parent = new Parent(new HashMap<>(Map.of("b", "UNCHANGED")));

    ResourcePipeline.Result<Parent> result =
        pipeline.run(
            parent,
            List.of(
                resource("a", WriteResult.CREATED, false),
                resource("b", WriteResult.UNCHANGED, false),
                resource("c", WriteResult.UPDATED, true)));

    assertThat(calls).containsExactly("createOrUpdate a", "createOrUpdate b", "cleanUp c");
    assertThat(statusWrites).isEqualTo(1);
    assertThat(result.parent().status())
        .containsEntry("a", "CREATED")
        .containsEntry("b", "UNCHANGED")
        .containsEntry("c", "UPDATED");
    assertThat(result.changedAnything()).isTrue();
    assertThat(parent.status()).containsOnlyKeys("b");
  }

  @Test
  void laterResourcesSeeTheStatusOfEarlierOnesWithinThePass() {
    List<String> seen = new ArrayList<>();
    ManagedResource<Parent> reader =
        new ManagedResource<>() {
          @Override
          public String name() {
            return "reader";
          }

          @Override
          public WriteResult createOrUpdate(Parent parent) {
            seen.add(parent.status().get("a"));
            return WriteResult.UNCHANGED;
          }

          @Override
          public boolean shouldUpdateStatus(Parent parent) {
            return false;
          }

          @Override
          public void updateStatus(Parent parent) {}
        };

    pipeline.run(
        new Parent(new HashMap<>()), List.of(resource("a", WriteResult.CREATED, false), reader));

    assertThat(seen).containsExactly("CREATED");
  }

  @Test
  void aConvergedParentChangesNothing() {
    Parent parent = new Parent(new HashMap<>(Map.of("a", "UNCHANGED", "b", "UNCHANGED")));

    ResourcePipeline.Result<Parent> result =
        pipeline.run(
            parent,
            List.of(
                resource("a", WriteResult.UNCHANGED, false),
                resource("b", WriteResult.UNCHANGED, false)));

    assertThat(statusWrites).isZero();
    assertThat(result.changedAnything()).isFalse();
  }

  @Test
  void aSentinelEndsThePassAfterEarlierStatusWasWritten() {
    Parent parent = new Parent(new HashMap<>());

    assertThatThrownBy(
            () ->
                pipeline.run(
                    parent,
                    List.of(
                        resource("a", WriteResult.CREATED, false),
                        resource("lb", null, false),
                        resource("z", WriteResult.CREATED, false))))
        .isInstanceOf(LoadBalancerPendingException.class);
    assertThat(calls).containsExactly("createOrUpdate a", "createOrUpdate lb");
    assertThat(statusWrites).isEqualTo(1);
    assertThat(written).containsExactly(Map.of("a", "CREATED"));
  }

  @Test
  void aFailedStatusWriteDoesNotHideTheErrorThatEndedThePass() {
    List<String> attempts = new ArrayList<>();
    ResourcePipeline<Parent> failing =
        new ResourcePipeline<>(
            (parent, change) -> {
              attempts.add("write");
              throw new IllegalStateException("status write refused");
            },
            ResourcePipelineTest::copy,
            parent -> null,
            ResourcePipeline.ParentWrites.none());

    assertThatThrownBy(
            () ->
                failing.run(
                    new Parent(new HashMap<>()),
                    List.of(
                        resource("a", WriteResult.CREATED, false), resource("lb", null, false))))
        .isInstanceOf(LoadBalancerPendingException.class);
    assertThat(attempts).containsExactly("write");
  }

  /** A resource that records {@code value} as the phase (the status written at once). */
  private static ManagedResource<Parent> phase(String value) {
    return new ManagedResource<>() {
      @Override
      public String name() {
        return "phase";
      }

      @Override
      public WriteResult createOrUpdate(Parent parent) {
        return WriteResult.UNCHANGED;
      }

      @Override
      public boolean shouldUpdateStatus(Parent parent) {
        return !value.equals(parent.status().get("phase"));
      }

      @Override
      public void updateStatus(Parent parent) {
        parent.status().put("phase", value);
      }
    };
  }

  @Test
  void aPhaseChangeIsWrittenAtOnceWithTheChangesBeforeIt() {
    ManagedResource<Parent> announcer = phase("Rotating");

    ResourcePipeline.Result<Parent> result =
        pipeline.run(
            new Parent(new HashMap<>()),
            List.of(
                resource("a", WriteResult.CREATED, false),
                announcer,
                resource("b", WriteResult.CREATED, false)));

    assertThat(written)
        .containsExactly(
            Map.of("a", "CREATED", "phase", "Rotating"),
            Map.of("a", "CREATED", "phase", "Rotating", "b", "CREATED"));
    assertThat(result.parent().status()).isEqualTo(written.get(1));
  }

  @Test
  void theStatusWriteStartsFromTheParentAResourceWroteItself() {
    List<String> bases = new ArrayList<>();
    ResourcePipeline<Parent> rebasing =
        new ResourcePipeline<>(
            (parent, change) -> {
              bases.add(parent.status().get("version"));
              Parent copy = copy(parent);
              change.accept(copy);
              return copy;
            },
            ResourcePipelineTest::copy,
            parent -> parent.status().get("phase"),
            new ResourcePipeline.ParentWrites<>(
                parent -> parent.status().get("version"),
                (stored, working) -> {
                  Parent rebased = copy(stored);
                  rebased.status().put("version", working.status().get("version"));
                  return rebased;
                }));
    ManagedResource<Parent> finalizer =
        new ManagedResource<>() {
          @Override
          public String name() {
            return "finalizer";
          }

          @Override
          public WriteResult createOrUpdate(Parent parent) {
            parent.status().put("version", "2"); // as the parent's own update returned it
            return WriteResult.UPDATED;
          }

          @Override
          public boolean shouldUpdateStatus(Parent parent) {
            return false;
          }

          @Override
          public void updateStatus(Parent parent) {}
        };

    Parent stored =
        rebasing
            .run(
                new Parent(new HashMap<>(Map.of("version", "1"))),
                List.of(finalizer, resource("a", WriteResult.CREATED, false)))
            .parent();

    assertThat(bases).containsExactly("2");
    assertThat(stored.status()).containsEntry("a", "CREATED").containsEntry("version", "2");
  }

  @Test
  void aPhaseWrittenMidPassIsTheBaseOfTheFinalWrite() {
    List<String> bases = new ArrayList<>();
    ResourcePipeline<Parent> versioned =
        new ResourcePipeline<>(
            (parent, change) -> {
              bases.add(parent.status().get("version"));
              Parent copy = copy(parent);
              change.accept(copy);
              // The store gives every write a new version; the working copy keeps its own.
              copy.status().put("version", Integer.toString(bases.size() + 1));
              return copy;
            },
            ResourcePipelineTest::copy,
            parent -> parent.status().get("phase"),
            new ResourcePipeline.ParentWrites<>(
                parent -> parent.status().get("version"),
                (stored, working) -> {
                  throw new AssertionError("no resource wrote the parent");
                }));
    Parent stored =
        versioned
            .run(
                new Parent(new HashMap<>(Map.of("version", "1"))),
                List.of(phase("Ready"), resource("a", WriteResult.CREATED, false)))
            .parent();

    assertThat(bases).containsExactly("1", "2");
    assertThat(stored.status()).containsEntry("phase", "Ready").containsEntry("a", "CREATED");
  }
}
