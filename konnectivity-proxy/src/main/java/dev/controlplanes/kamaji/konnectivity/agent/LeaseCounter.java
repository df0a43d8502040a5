package dev.controlplanes.kamaji.konnectivity.agent;

import dev.controlplanes.kamaji.konnectivity.leases.LeaseLabels;
import dev.controlplanes.kamaji.konnectivity.leases.ServerLeases;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1LeaseList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --count-server-leases}: how many servers hold a valid Lease with the {@code --lease-label}
 * labels in {@code --lease-namespace}, read from an informer on that namespace's Leases (resynced
 * every 10 s, as upstream's). Never less than one.
 */
final class LeaseCounter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LeaseCounter.class);
  private static final Duration RESYNC = Duration.ofSeconds(10);

  private final SharedInformerFactory factory;
  private final SharedIndexInformer<V1Lease> informer;
  private final LeaseLabels labels;
  private final Clock clock;
  private volatile boolean warnedNone;

  private LeaseCounter(
      SharedInformerFactory factory,
      SharedIndexInformer<V1Lease> informer,
      LeaseLabels labels,
      Clock clock) {
    this.factory = factory;
    this.informer = informer;
    this.labels = labels;
    this.clock = clock;
  }

  static LeaseCounter start(
      ApiClient client, String namespace, LeaseLabels labels, AgentMetrics metrics) {
    client.setHttpClient(
        client
            .getHttpClient()
            .newBuilder()
            .addInterceptor(new LeaseCallMetrics(metrics))
            // A watch stays open for minutes; the read timeout must not cut it.
            .readTimeout(Duration.ZERO)
            .build());
    SharedInformerFactory factory = new SharedInformerFactory(client);
    SharedIndexInformer<V1Lease> informer =
        factory.sharedIndexInformerFor(
            new GenericKubernetesApi<>(
                V1Lease.class, V1LeaseList.class, "coordination.k8s.io", "v1", "leases", client),
            V1Lease.class,
            RESYNC.toMillis(),
            namespace);
    factory.startAllRegisteredInformers();
    return new LeaseCounter(factory, informer, labels, Clock.systemUTC());
  }

  /** Upstream agents connect to no server before their lease cache has synced. */
  boolean synced() {
    return informer.hasSynced();
  }

  int count() {
    Instant now = clock.instant();
    int count = 0;
    for (V1Lease lease : informer.getIndexer().list()) {
      if (labels.matches(lease.getMetadata().getLabels()) && ServerLeases.isValid(lease, now)) {
        count++;
      }
    }
    if (count == 0) {
      if (!warnedNone) {
        LOG.warn("no valid server leases found, assuming one server");
        warnedNone = true;
      }
      return 1;
    }
    warnedNone = false;
    return count;
  }

  @Override
  public void close() {
    factory.stopAllRegisteredInformers();
  }
}
