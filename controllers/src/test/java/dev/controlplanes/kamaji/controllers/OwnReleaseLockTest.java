package dev.controlplanes.kamaji.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.extended.leaderelection.LeaderElectionRecord;
import io.kubernetes.client.extended.leaderelection.Lock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit test of the one class, over an in-memory lock; LeaderElectionE2E runs the real Lease. */
class OwnReleaseLockTest {

  /** Holds one record in memory and records every update it lets through. */
  private static final class MemoryLock implements Lock {
    LeaderElectionRecord stored;
    final List<LeaderElectionRecord> updates = new ArrayList<>();

    @Override
    public LeaderElectionRecord get() {
      return stored;
    }

    @Override
    public boolean create(LeaderElectionRecord record) {
      stored = record;
      return true;
    }

    @Override
    public boolean update(LeaderElectionRecord record) {
      updates.add(record);
      stored = record;
      return true;
    }

    @Override
    public String identity() {
      return "me";
    }

    @Override
    public String describe() {
      return "memory";
    }
  }

  private static LeaderElectionRecord held(String holder) {
    return new LeaderElectionRecord(holder, 15, new Date(), new Date(), 0);
  }

  /** What client-java's LeaderElector writes on close. */
  private static LeaderElectionRecord release() {
    return new LeaderElectionRecord();
  }

  @Test
  void theHolderReleasesTheLease() throws Exception {
    MemoryLock memory = new MemoryLock();
    OwnReleaseLock lock = new OwnReleaseLock(memory);
    assertThat(lock.create(held("me"))).isTrue();

    assertThat(lock.update(release())).isTrue();
    assertThat(memory.stored.getHolderIdentity()).isNull();
  }

  @Test
  void aCandidateThatDoesNotHoldTheLeaseLeavesItAlone() throws Exception {
    MemoryLock memory = new MemoryLock();
    memory.stored = held("other");
    OwnReleaseLock lock = new OwnReleaseLock(memory);
    lock.get();

    assertThat(lock.update(release())).isFalse();
    assertThat(memory.updates).isEmpty();
    assertThat(memory.stored.getHolderIdentity()).isEqualTo("other");
  }

  @Test
  void aLeaderThatHasSeenAnotherHolderNoLongerReleases() throws Exception {
    MemoryLock memory = new MemoryLock();
    OwnReleaseLock lock = new OwnReleaseLock(memory);
    lock.create(held("me"));
    memory.stored = held("other"); // another replica took the Lease over
    lock.get();

    assertThat(lock.update(release())).isFalse();
    assertThat(memory.stored.getHolderIdentity()).isEqualTo("other");
    assertThat(lock.update(held("me"))).isTrue(); // acquiring is not a release
  }
}
