package dev.controlplanes.kamaji.konnectivity.server;

import dev.controlplanes.kamaji.konnectivity.leases.LeaseLabels;
import dev.controlplanes.kamaji.konnectivity.leases.ServerLeases;
import dev.controlplanes.kamaji.konnectivity.leases.StatusReasons;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.models.V1DeleteOptions;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1LeaseSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Preconditions;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --enable-lease-controller}: the server holds the Lease {@code
 * konnectivity-proxy-server-<server-id>} in {@code --lease-namespace}, labelled with {@code
 * --lease-label}, so that agents counting Leases know how many servers to connect to. As upstream:
 * a 30 s lease renewed every 15 s (4% jitter), created when missing and read again after a
 * conflict; every 15 s the expired Leases with those labels (servers that died without cleaning up)
 * are deleted, each only if unchanged since it was listed; the server deletes its own Lease when it
 * stops.
 */
public final class LeaseController implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LeaseController.class);
  private static final int MAX_UPDATE_RETRIES = 5;
  private static final Duration MAX_ENSURE_BACKOFF = Duration.ofSeconds(7);

  /** Upstream's fixed periods; tests shorten them. */
  public record Timing(Duration leaseDuration, Duration renewInterval, Duration gcInterval) {
    public static final Timing UPSTREAM =
        new Timing(Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(15));
  }

  private final CoordinationV1Api api;
  private final String namespace;
  private final String name;
  private final String holder;
  private final LeaseLabels labels;
  private final Timing timing;
  private final ServerMetrics metrics;
  private final Clock clock;
  private final ScheduledExecutorService executor =
      Executors.newScheduledThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "konnectivity-server-lease");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean closed;
  private V1Lease latest;

  LeaseController(
      ApiClient client,
      String namespace,
      String serverId,
      LeaseLabels labels,
      Timing timing,
      ServerMetrics metrics,
      Clock clock) {
    this.api = new CoordinationV1Api(client);
    this.namespace = namespace;
    this.name = ServerLeases.name(serverId);
    this.holder = serverId;
    this.labels = labels;
    this.timing = timing;
    this.metrics = metrics;
    this.clock = clock;
  }

  public static LeaseController start(
      ApiClient client, ServerOptions options, ServerMetrics metrics, Timing timing) {
    LeaseController c =
        new LeaseController(
            client,
            options.leaseNamespace(),
            options.serverId(),
            options.leaseLabels(),
            timing,
            metrics,
            Clock.systemUTC());
    c.executor.execute(c::renewAndReschedule);
    c.executor.scheduleWithFixedDelay(
        c::collectGarbage, 0, timing.gcInterval().toMillis(), TimeUnit.MILLISECONDS);
    return c;
  }

  private void renewAndReschedule() {
    try {
      renew();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (RuntimeException e) {
      LOG.warn("lease {}: {}", name, e.toString());
    }
    if (!closed) {
      long period = timing.renewInterval().toMillis();
      long jitter = (long) (period * 0.04 * ThreadLocalRandom.current().nextDouble());
      executor.schedule(this::renewAndReschedule, period + jitter, TimeUnit.MILLISECONDS);
    }
  }

  /** One renewal: update the Lease last written, else make sure it exists and update that. */
  void renew() throws InterruptedException {
    if (latest != null && update(latest)) {
      return;
    }
    Ensured ensured = ensure();
    if (ensured == null) {
      return;
    }
    latest = ensured.lease();
    if (!ensured.created() && !update(ensured.lease())) {
      LOG.warn("lease {}: will retry the update in {}", name, timing.renewInterval());
    }
  }

  private record Ensured(V1Lease lease, boolean created) {}

  /** Reads the Lease or creates it, retrying with a growing pause until it works or we stop. */
  private Ensured ensure() throws InterruptedException {
    long sleep = 100;
    while (!closed) {
      try {
        try {
          return new Ensured(api.readNamespacedLease(name, namespace).execute(), false);
        } catch (ApiException e) {
          if (e.getCode() != 404) {
            throw e;
          }
        }
        V1Lease lease = newLease(null);
        return new Ensured(api.createNamespacedLease(namespace, lease).execute(), true);
      } catch (ApiException e) {
        sleep = Math.min(2 * sleep, MAX_ENSURE_BACKOFF.toMillis());
        LOG.warn("lease {}: cannot read or create it (HTTP {}), retrying", name, e.getCode());
        Thread.sleep(sleep);
      }
    }
    return null;
  }

  private boolean update(V1Lease base) throws InterruptedException {
    for (int i = 0; i < MAX_UPDATE_RETRIES && !closed; i++) {
      try {
        latest = api.replaceNamespacedLease(name, namespace, newLease(base)).execute();
        return true;
      } catch (ApiException e) {
        LOG.warn("lease {}: update failed (HTTP {})", name, e.getCode());
        if (e.getCode() == 409) {
          Ensured ensured = ensure();
          if (ensured == null) {
            return false;
          }
          base = ensured.lease();
        }
      }
    }
    return false;
  }

  private V1Lease newLease(V1Lease base) {
    V1Lease lease =
        base == null
            ? new V1Lease()
                .metadata(new V1ObjectMeta().name(name).namespace(namespace))
                .spec(new V1LeaseSpec().holderIdentity(holder))
            : copy(base);
    if (lease.getSpec() == null) {
      lease.spec(new V1LeaseSpec());
    }
    lease.getSpec().leaseDurationSeconds((int) timing.leaseDuration().toSeconds()).renewTime(now());
    lease.getMetadata().labels(new HashMap<>(labels.values()));
    return lease;
  }

  private static V1Lease copy(V1Lease lease) {
    return JSON.deserialize(JSON.serialize(lease), V1Lease.class);
  }

  /** In UTC: client-java writes times in the offset they have, followed by a literal "Z". */
  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  /** Deletes the expired Leases that carry our labels, whoever wrote them. */
  void collectGarbage() {
    long start = System.nanoTime();
    List<V1Lease> leases;
    try {
      leases =
          api.listNamespacedLease(namespace).labelSelector(labels.selector()).execute().getItems();
      observe(metrics.leaseLists, metrics.leaseListLatency, 200, "", start);
    } catch (ApiException e) {
      LOG.warn("cannot list leases to collect expired ones (HTTP {})", e.getCode());
      observe(
          metrics.leaseLists,
          metrics.leaseListLatency,
          e.getCode(),
          StatusReasons.of(e.getResponseBody()),
          start);
      return;
    }
    for (V1Lease lease : leases) {
      if (ServerLeases.isValid(lease, clock.instant())) {
        continue;
      }
      String leaseName = lease.getMetadata().getName();
      long deleteStart = System.nanoTime();
      try {
        // The precondition keeps a Lease renewed since the list from being deleted.
        api.deleteNamespacedLease(leaseName, namespace)
            .body(
                new V1DeleteOptions()
                    .preconditions(
                        new V1Preconditions()
                            .resourceVersion(lease.getMetadata().getResourceVersion())))
            .execute();
        metrics.culledLeases.inc();
        observe(metrics.leaseDeletes, metrics.leaseDeleteLatency, 200, "", deleteStart);
        LOG.info("deleted the expired lease {}", leaseName);
      } catch (ApiException e) {
        if (e.getCode() != 404) {
          LOG.warn("cannot delete the expired lease {} (HTTP {})", leaseName, e.getCode());
        }
        observe(
            metrics.leaseDeletes,
            metrics.leaseDeleteLatency,
            e.getCode(),
            StatusReasons.of(e.getResponseBody()),
            deleteStart);
      }
    }
  }

  private static void observe(
      Counter calls, Histogram latency, int code, String reason, long startNanos) {
    if (code == 0) {
      return; // no HTTP answer: upstream, too, has nothing to label such an error with
    }
    String status = Integer.toString(code);
    calls.labels(status, reason).inc();
    latency.labels(status).observe((System.nanoTime() - startNanos) / 1e9);
  }

  /** Stops renewing and deletes this server's Lease, so agents stop counting it at once. */
  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
      api.deleteNamespacedLease(name, namespace).execute();
      LOG.info("deleted the lease {}", name);
    } catch (ApiException e) {
      LOG.warn("could not delete the lease {} in {} (HTTP {})", name, namespace, e.getCode());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
