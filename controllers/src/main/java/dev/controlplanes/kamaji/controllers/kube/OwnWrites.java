package dev.controlplanes.kamaji.controllers.kube;

import io.kubernetes.client.common.KubernetesObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resourceVersions this process wrote, so that the watch event of an object in exactly the
 * state a reconcile wrote (and already continued from) does not start another reconcile. Any other
 * version (a change by someone else, a resync, a relist) is not ours and still triggers. Each
 * object keeps only its {@value #PER_OBJECT} newest versions, and an echo is forgotten once seen.
 */
public final class OwnWrites {

  static final int PER_OBJECT = 32;

  private final Map<String, Deque<String>> written = new ConcurrentHashMap<>();

  /** Records the version the API server returned for one of our writes. */
  public void record(KubernetesObject object) {
    String version = version(object);
    if (version == null) {
      return;
    }
    written.compute(
        key(object),
        (k, versions) -> {
          Deque<String> out = versions == null ? new ArrayDeque<>() : versions;
          out.addLast(version);
          while (out.size() > PER_OBJECT) {
            out.removeFirst();
          }
          return out;
        });
  }

  /** Whether {@code object} is in a state one of our writes produced (forgotten once asked). */
  public boolean isEcho(KubernetesObject object) {
    String version = version(object);
    if (version == null) {
      return false;
    }
    boolean[] found = {false};
    written.computeIfPresent(
        key(object),
        (k, versions) -> {
          found[0] = versions.remove(version);
          return versions.isEmpty() ? null : versions;
        });
    return found[0];
  }

  /** Forgets a deleted object. */
  public void forget(KubernetesObject object) {
    if (object != null && object.getMetadata() != null) {
      written.remove(key(object));
    }
  }

  int size() {
    return written.size();
  }

  private static String version(KubernetesObject object) {
    return object == null || object.getMetadata() == null
        ? null
        : object.getMetadata().getResourceVersion();
  }

  private static String key(KubernetesObject object) {
    return object.getClass().getName()
        + '/'
        + object.getMetadata().getNamespace()
        + '/'
        + object.getMetadata().getName();
  }
}
