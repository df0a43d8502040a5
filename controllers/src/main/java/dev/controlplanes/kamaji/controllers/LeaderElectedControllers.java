package dev.controlplanes.kamaji.controllers;

import io.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.kubernetes.client.extended.leaderelection.LeaderElector;
import io.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the embedded controllers only while this replica holds a coordination.k8s.io Lease, as
 * kube-controller-manager does with {@code --leader-elect}: every replica serves the API, one
 * reconciles. Two replicas reconciling at once would each issue certificates for the same tenant
 * and roll its Deployment back and forth.
 *
 * <p>A replica that loses the Lease stops its controllers and campaigns again rather than exiting,
 * because the process also serves the API. A leader that is closed releases the Lease, so another
 * replica takes over at its next retry; one that dies keeps it until it expires (the lease
 * duration). Only the holder releases ({@link OwnReleaseLock}).
 */
public final class LeaderElectedControllers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LeaderElectedControllers.class);

  /**
   * Where and how the replicas compete.
   *
   * @param client the management cluster
   * @param namespace the Lease's namespace
   * @param name the Lease's name
   * @param identity this replica's holder identity, unique among replicas
   */
  public record Election(
      ApiClient client,
      String namespace,
      String name,
      String identity,
      Duration leaseDuration,
      Duration renewDeadline,
      Duration retryPeriod) {

    public Election {
      Objects.requireNonNull(client, "client");
      if (!durationsNest(leaseDuration, renewDeadline, retryPeriod)) {
        throw new IllegalArgumentException(
            "leader election needs retry period < renew deadline < lease duration, got "
                + retryPeriod
                + ", "
                + renewDeadline
                + ", "
                + leaseDuration);
      }
    }

    /** kube's rule for the three durations: retry period < renew deadline < lease duration. */
    public static boolean durationsNest(
        Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
      return retryPeriod.compareTo(renewDeadline) < 0 && renewDeadline.compareTo(leaseDuration) < 0;
    }
  }

  private final Election election;
  private final Supplier<? extends AutoCloseable> controllers;
  private final Thread campaigner;
  private volatile boolean closed;
  private volatile LeaderElector elector;
  // Guarded by this: the running controllers, and the term they belong to. Losing the Lease ends
  // the term, so a start hook that runs late (the elector starts it on another thread) cannot
  // start controllers for a term that is already over.
  private AutoCloseable running;
  private int term;

  private LeaderElectedControllers(
      Election election, Supplier<? extends AutoCloseable> controllers) {
    this.election = election;
    this.controllers = controllers;
    this.campaigner = new Thread(this::campaign, "leader-election");
    this.campaigner.setDaemon(true);
  }

  /**
   * Competes for the Lease in the background and runs {@code controllers.get()} while holding it;
   * what it returns is closed when the Lease is lost or this is closed.
   */
  public static LeaderElectedControllers start(
      Election election, Supplier<? extends AutoCloseable> controllers) {
    LeaderElectedControllers leader = new LeaderElectedControllers(election, controllers);
    leader.campaigner.start();
    return leader;
  }

  /** Whether this replica runs the controllers now. */
  public synchronized boolean isLeading() {
    return running != null;
  }

  private void campaign() {
    while (!closed) {
      int campaignTerm;
      synchronized (this) {
        campaignTerm = term;
      }
      LeaderElector current =
          new LeaderElector(
              new LeaderElectionConfig(
                  new OwnReleaseLock(
                      new LeaseLock(
                          election.namespace(),
                          election.name(),
                          election.identity(),
                          election.client())),
                  election.leaseDuration(),
                  election.renewDeadline(),
                  election.retryPeriod()),
              e -> LOG.warn("leader election: {}", e.toString()));
      elector = current;
      if (closed) {
        current.close();
        break;
      }
      current.run(() -> lead(campaignTerm, current), this::stopLeading);
      current.close();
      if (!closed) {
        sleep(election.retryPeriod());
      }
    }
  }

  /** The elector's start hook, on one of its threads. */
  private void lead(int campaignTerm, LeaderElector current) {
    if (!startControllers(campaignTerm)) {
      // Holding the Lease without running the controllers would stall every tenant: give it up
      // (it lapses when no longer renewed) and compete again. Not from this thread, nor under
      // this lock: the elector's close() waits for its hook threads, this one among them, and its
      // renew loop ends in stopLeading().
      new Thread(current::close, "leader-election-give-up").start();
    }
  }

  /** Starts the controllers for {@code campaignTerm}; false when starting them failed. */
  private synchronized boolean startControllers(int campaignTerm) {
    if (closed || campaignTerm != term || running != null) {
      return true;
    }
    LOG.info(
        "leading as {} (Lease {}/{}): starting the controllers",
        election.identity(),
        election.namespace(),
        election.name());
    try {
      running = controllers.get();
      return true;
    } catch (RuntimeException e) {
      LOG.error("starting the controllers failed; leaving the election to retry: {}", e.toString());
      return false;
    }
  }

  private synchronized void stopLeading() {
    term++;
    if (running == null) {
      return;
    }
    LOG.info(
        "no longer leading (Lease {}/{}): stopping the controllers",
        election.namespace(),
        election.name());
    closeQuietly(running);
    running = null;
  }

  @Override
  public void close() {
    closed = true;
    LeaderElector current = elector;
    if (current != null) {
      current.close();
    }
    stopLeading();
    try {
      campaigner.join(election.renewDeadline().plus(election.retryPeriod()).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("stopping the controllers: {}", e.toString());
    }
  }

  private void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }
}
