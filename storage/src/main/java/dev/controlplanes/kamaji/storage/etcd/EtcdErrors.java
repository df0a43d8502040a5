package dev.controlplanes.kamaji.storage.etcd;

import dev.controlplanes.kamaji.storage.StorageException;
import dev.controlplanes.kamaji.storage.StorageException.Code;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** The one place where jetcd and gRPC failures become {@link StorageException}s. */
final class EtcdErrors {

  // etcd's rpctypes messages; both come with gRPC status OUT_OF_RANGE.
  static final String COMPACTED = "required revision has been compacted";
  static final String FUTURE_REVISION = "required revision is a future revision";

  private EtcdErrors() {}

  /**
   * Translates any failure of a call about {@code key} (null for store-wide calls). Restores the
   * interrupt flag when the failure is an interruption.
   */
  static StorageException toStorageException(Throwable failure, String key) {
    Throwable t = unwrap(failure);
    if (t instanceof StorageException e) {
      return e;
    }
    if (t instanceof TimeoutException) {
      return new StorageException(Code.TIMEOUT, key, "etcd did not answer in time", t);
    }
    if (t instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new StorageException(Code.INTERNAL, key, "interrupted while waiting for etcd", t);
    }
    if (t instanceof CompactedException e) {
      return new StorageException(
          Code.EXPIRED, key, "etcd: " + COMPACTED + " (at " + e.getCompactedRevision() + ")", t);
    }
    Status.Code grpcCode;
    String description;
    if (t instanceof EtcdException e) {
      // jetcd's ErrorCode mirrors the gRPC status codes name for name.
      grpcCode = Status.Code.valueOf(e.getErrorCode().name());
      description = e.getMessage();
    } else {
      Status status = Status.fromThrowable(t);
      grpcCode = status.getCode();
      description = status.getDescription();
    }
    String message = "etcd: " + grpcCode + (description == null ? "" : ": " + description);
    return new StorageException(classify(grpcCode, description), key, message, t);
  }

  static Code classify(Status.Code grpcCode, String description) {
    if (grpcCode == Status.Code.OUT_OF_RANGE && description != null) {
      if (description.contains(COMPACTED)) {
        return Code.EXPIRED;
      }
      if (description.contains(FUTURE_REVISION)) {
        return Code.REVISION_TOO_LARGE;
      }
    }
    return switch (grpcCode) {
      case UNAVAILABLE -> Code.UNREACHABLE;
      case DEADLINE_EXCEEDED -> Code.TIMEOUT;
      default -> Code.INTERNAL;
    };
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
