package dev.controlplanes.kamaji.controllers;

import io.kubernetes.client.extended.leaderelection.LeaderElectionRecord;
import io.kubernetes.client.extended.leaderelection.Lock;
import io.kubernetes.client.openapi.ApiException;

/**
 * A leader-election lock that releases only a Lease this candidate holds, as client-go's {@code
 * ReleaseOnCancel} does. client-java's LeaderElector writes an empty record (its release) on every
 * close, whoever holds the Lease: a follower that closes, or a leader that has just lost the Lease,
 * could clear the new leader's record and let a third candidate in beside it.
 *
 * <p>The holder is the one of the last record read or written through this lock; a write based on
 * an older record fails on the Lease's resourceVersion anyway.
 */
final class OwnReleaseLock implements Lock {

  private final Lock delegate;
  private volatile String lastHolder;

  OwnReleaseLock(Lock delegate) {
    this.delegate = delegate;
  }

  @Override
  public LeaderElectionRecord get() throws ApiException {
    LeaderElectionRecord record = delegate.get();
    lastHolder = record == null ? null : record.getHolderIdentity();
    return record;
  }

  @Override
  public boolean create(LeaderElectionRecord record) {
    return remember(record, delegate.create(record));
  }

  @Override
  public boolean update(LeaderElectionRecord record) {
    if (isRelease(record) && !identity().equals(lastHolder)) {
      return false;
    }
    return remember(record, delegate.update(record));
  }

  @Override
  public String identity() {
    return delegate.identity();
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  private static boolean isRelease(LeaderElectionRecord record) {
    return record.getHolderIdentity() == null || record.getHolderIdentity().isEmpty();
  }

  private boolean remember(LeaderElectionRecord record, boolean written) {
    if (written) {
      lastHolder = record.getHolderIdentity();
    }
    return written;
  }
}
