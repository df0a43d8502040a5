package dev.controlplanes.kamaji.apiserver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.controlplanes.kamaji.apiserver.testing.Kubectl;
import dev.controlplanes.kamaji.controllers.LeaderElectedControllers;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.Config;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Only one replica runs the embedded controllers, elected through a real Lease in the local
 * cluster's kube-apiserver; the other takes over when the leader stops.
 */
class LeaderElectionE2E {

  @RegisterExtension
  static final BeforeAllCallback CLUSTER = context -> cluster = LocalCluster.get(context);

  private static LocalCluster cluster;
  private static Kubectl kubectl;
  private static ApiClient client;

  @BeforeAll
  static void setUp() throws Exception {
    kubectl = cluster.kubectl();
    client = Config.fromConfig(cluster.kubeconfig().toString());
  }

  @Test
  void theLocalClustersServerHoldsTheControllersLease() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(holder("kamaji-controllers")).isNotBlank());
  }

  @Test
  void oneReplicaLeadsAndAnotherTakesOverWhenItStops() throws Exception {
    String lease = newLease();
    FakeControllers first = new FakeControllers();
    FakeControllers second = new FakeControllers();
    LeaderElectedControllers a = LeaderElectedControllers.start(election(lease, "a"), first);
    LeaderElectedControllers b = LeaderElectedControllers.start(election(lease, "b"), second);
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> a.isLeading() || b.isLeading());
      LeaderElectedControllers leader = a.isLeading() ? a : b;
      LeaderElectedControllers follower = leader == a ? b : a;
      FakeControllers leaderControllers = leader == a ? first : second;
      FakeControllers followerControllers = leader == a ? second : first;
      String followerIdentity = leader == a ? "b" : "a";

      // Longer than a lease: the follower keeps waiting while the leader renews.
      Thread.sleep(5_000);
      assertThat(List.of(a.isLeading(), b.isLeading())).containsOnlyOnce(true);
      assertThat(followerControllers.started).hasValue(0);

      leader.close();
      assertThat(leaderControllers.started).hasValue(1);
      assertThat(leaderControllers.stopped).hasValue(1);
      await().atMost(Duration.ofSeconds(20)).until(follower::isLeading);
      assertThat(followerControllers.started).hasValue(1);
      assertThat(holder(lease)).isEqualTo(followerIdentity);
    } finally {
      a.close();
      b.close();
      kubectl.run("delete", "lease", lease, "-n", "kamaji-system", "--ignore-not-found");
    }
  }

  @Test
  void aClosedLeaderReleasesTheLeaseSoTheNextOneNeedNotWaitForItToExpire() {
    String lease = newLease();
    Duration leaseDuration = Duration.ofSeconds(30);
    LeaderElectedControllers a =
        LeaderElectedControllers.start(
            election(lease, "a", leaseDuration, Duration.ofSeconds(20)), new FakeControllers());
    LeaderElectedControllers b = null;
    try {
      await().atMost(Duration.ofSeconds(20)).until(a::isLeading);
      FakeControllers next = new FakeControllers();
      b =
          LeaderElectedControllers.start(
              election(lease, "b", leaseDuration, Duration.ofSeconds(20)), next);

      a.close();

      // Far less than the 30 s the Lease would take to expire.
      await().atMost(Duration.ofSeconds(10)).until(b::isLeading);
      assertThat(holder(lease)).isEqualTo("b");
    } finally {
      a.close();
      if (b != null) {
        b.close();
      }
      kubectl.run("delete", "lease", lease, "-n", "kamaji-system", "--ignore-not-found");
    }
  }

  @Test
  void aLeaderWhoseControllersFailToStartGivesUpAndTriesAgain() throws Exception {
    String lease = newLease();
    AtomicInteger attempts = new AtomicInteger();
    FakeControllers controllers = new FakeControllers();
    LeaderElectedControllers candidate =
        LeaderElectedControllers.start(
            election(lease, "flaky"),
            () -> {
              if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("management cluster unreachable");
              }
              return controllers.get();
            });
    try {
      await().atMost(Duration.ofSeconds(30)).until(candidate::isLeading);
      assertThat(attempts).hasValue(2);
      assertThat(controllers.started).hasValue(1);
    } finally {
      candidate.close();
      kubectl.run("delete", "lease", lease, "-n", "kamaji-system", "--ignore-not-found");
    }
  }

  private static String holder(String lease) {
    return kubectl
        .run("get", "lease", lease, "-n", "kamaji-system", "-o", "jsonpath={.spec.holderIdentity}")
        .assertOk()
        .stdout();
  }

  /** A Lease name of its own for each test. */
  private static String newLease() {
    return "e2e-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static LeaderElectedControllers.Election election(String lease, String identity) {
    return election(lease, identity, Duration.ofSeconds(3), Duration.ofSeconds(2));
  }

  private static LeaderElectedControllers.Election election(
      String lease, String identity, Duration leaseDuration, Duration renewDeadline) {
    return new LeaderElectedControllers.Election(
        client,
        "kamaji-system",
        lease,
        identity,
        leaseDuration,
        renewDeadline,
        Duration.ofMillis(500));
  }

  /** Counts starts and stops in place of the real controllers; the Lease is what is tested. */
  private static final class FakeControllers implements java.util.function.Supplier<AutoCloseable> {
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger stopped = new AtomicInteger();

    @Override
    public AutoCloseable get() {
      started.incrementAndGet();
      return stopped::incrementAndGet;
    }
  }
}
