package dev.controlplanes.kamaji.storage.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.storage.StorageException;
import dev.controlplanes.kamaji.storage.StorageException.Code;
import io.etcd.jetcd.common.exception.EtcdExceptionFactory;
import io.grpc.Status;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class EtcdErrorsTest {

  @Test
  void grpcStatusesMapToStorageCodes() {
    assertThat(code(Status.UNAVAILABLE.withDescription("io exception")))
        .isEqualTo(Code.UNREACHABLE);
    assertThat(code(Status.DEADLINE_EXCEEDED)).isEqualTo(Code.TIMEOUT);
    assertThat(
            code(Status.OUT_OF_RANGE.withDescription("etcdserver: mvcc: " + EtcdErrors.COMPACTED)))
        .isEqualTo(Code.EXPIRED);
    assertThat(
            code(
                Status.OUT_OF_RANGE.withDescription(
                    "etcdserver: mvcc: " + EtcdErrors.FUTURE_REVISION)))
        .isEqualTo(Code.REVISION_TOO_LARGE);
    assertThat(code(Status.OUT_OF_RANGE.withDescription("something else")))
        .isEqualTo(Code.INTERNAL);
    assertThat(code(Status.PERMISSION_DENIED)).isEqualTo(Code.INTERNAL);
  }

  @Test
  void wrappersAreUnwrappedAndTheKeyKept() {
    Throwable wrapped =
        new CompletionException(new ExecutionException(Status.UNAVAILABLE.asRuntimeException()));

    StorageException e = EtcdErrors.toStorageException(wrapped, "/k");

    assertThat(e.code()).isEqualTo(Code.UNREACHABLE);
    assertThat(e.key()).isEqualTo("/k");
    assertThat(e.getCause()).isInstanceOf(io.grpc.StatusRuntimeException.class);
  }

  @Test
  void jetcdExceptionsMapLikeTheirStatus() {
    assertThat(
            EtcdErrors.toStorageException(EtcdExceptionFactory.newCompactedException(7), null)
                .code())
        .isEqualTo(Code.EXPIRED);
    assertThat(
            EtcdErrors.toStorageException(
                    EtcdExceptionFactory.toEtcdException(Status.DEADLINE_EXCEEDED), null)
                .code())
        .isEqualTo(Code.TIMEOUT);
    assertThat(
            EtcdErrors.toStorageException(
                    EtcdExceptionFactory.newClosedWatchClientException(), null)
                .code())
        .isEqualTo(Code.INTERNAL);
  }

  @Test
  void localFailuresHaveCodesToo() {
    assertThat(EtcdErrors.toStorageException(new TimeoutException(), null).code())
        .isEqualTo(Code.TIMEOUT);
    assertThat(EtcdErrors.toStorageException(new IllegalStateException("boom"), null).code())
        .isEqualTo(Code.INTERNAL);

    StorageException interrupted = EtcdErrors.toStorageException(new InterruptedException(), null);
    assertThat(interrupted.code()).isEqualTo(Code.INTERNAL);
    assertThat(Thread.interrupted()).as("interrupt flag restored (and cleared here)").isTrue();
  }

  private static Code code(Status status) {
    return EtcdErrors.toStorageException(status.asRuntimeException(), null).code();
  }
}
