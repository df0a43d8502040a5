package dev.controlplanes.kamaji.apiserver.authn;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current {@link AuthenticationConfig}, re-read on a fixed period because kube-apiserver
 * rewrites the ConfigMap when CAs rotate. Each reload builds a complete snapshot and swaps it in
 * atomically; a reload that fails (API server unreachable, invalid PEM, front-proxy CA gone) is
 * logged and the previous snapshot stays in force.
 */
public final class ReloadingAuthenticationConfig
    implements Supplier<AuthenticationConfig>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReloadingAuthenticationConfig.class);

  private final Supplier<AuthenticationConfig> loader;
  private final AtomicReference<AuthenticationConfig> current;
  private final ScheduledExecutorService scheduler;

  ReloadingAuthenticationConfig(
      Supplier<AuthenticationConfig> loader, AuthenticationConfig initial) {
    this.loader = Objects.requireNonNull(loader, "loader");
    this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "authentication-config-reload");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Loads the first snapshot now (failing startup with {@link AuthenticationConfigException} when
   * it is unusable), then reloads every {@code interval} on a daemon thread until {@link #close()}.
   */
  public static ReloadingAuthenticationConfig start(
      ExtensionApiserverAuthenticationLoader loader, Duration interval) {
    AuthenticationConfig initial = loader.load();
    LOG.info("authentication configuration: {}", initial.describe());
    ReloadingAuthenticationConfig config = new ReloadingAuthenticationConfig(loader::load, initial);
    long millis = interval.toMillis();
    config.scheduler.scheduleWithFixedDelay(config::reload, millis, millis, TimeUnit.MILLISECONDS);
    return config;
  }

  /** The snapshot in force. Cheap; call it once per request and use that one snapshot. */
  @Override
  public AuthenticationConfig get() {
    return current.get();
  }

  /** Loads a new snapshot now; returns true when it differs from the previous one. */
  public boolean reload() {
    AuthenticationConfig next;
    try {
      next = loader.get();
    } catch (RuntimeException e) {
      LOG.error(
          "authentication configuration not reloaded, keeping the previous one: {}",
          e.getMessage());
      return false;
    }
    AuthenticationConfig previous = current.getAndSet(next);
    if (previous.equals(next)) {
      return false;
    }
    LOG.info("authentication configuration changed: {}", next.describe());
    return true;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
