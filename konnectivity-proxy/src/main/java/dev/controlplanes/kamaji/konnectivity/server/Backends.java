package dev.controlplanes.kamaji.konnectivity.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The connected agent streams and the upstream selection strategies ({@code default}, {@code
 * destHost}, {@code defaultRoute}), asked in the configured order for every dial.
 */
public final class Backends {

  private final List<Backend> all = new CopyOnWriteArrayList<>();
  private final List<String> strategies;
  private final ServerMetrics metrics;

  public Backends(List<String> strategies, ServerMetrics metrics) {
    this.strategies = List.copyOf(strategies);
    this.metrics = metrics;
    updateGauges();
  }

  void add(Backend backend) {
    all.add(backend);
    updateGauges();
  }

  void remove(Backend backend) {
    all.remove(backend);
    updateGauges();
  }

  /** All connected agent streams, oldest first. */
  public List<Backend> list() {
    return List.copyOf(all);
  }

  /** Ready iff the first strategy has at least one backend, as upstream's /readyz. */
  public boolean ready() {
    return !candidates(strategies.get(0)).isEmpty();
  }

  /** Picks the agent stream for a dial to {@code address} ("host:port"), or null if none. */
  public Backend pick(String address) {
    return pick(address, null);
  }

  /**
   * As {@link #pick(String)}, but where the strategy draws at random ({@code default}, {@code
   * defaultRoute}), draws among the agents served by {@code preferredLoop} if there are any (see
   * {@link LoopAffinity}). {@code destHost} names its agent, so no preference applies there.
   */
  public Backend pick(String address, Thread preferredLoop) {
    String host = hostOf(address);
    for (String strategy : strategies) {
      Backend b =
          switch (strategy) {
            case "destHost" -> pickDestHost(host);
            case "defaultRoute" -> pickByAgent(candidates("defaultRoute"), preferredLoop);
            default -> pickByAgent(candidates("default"), preferredLoop);
          };
      if (b != null) {
        return b;
      }
    }
    return null;
  }

  private List<Backend> candidates(String strategy) {
    List<Backend> out = new ArrayList<>();
    for (Backend b : all) {
      boolean include =
          switch (strategy) {
            case "destHost" ->
                !b.identifiers().ipv4().isEmpty()
                    || !b.identifiers().ipv6().isEmpty()
                    || !b.identifiers().hosts().isEmpty();
            case "defaultRoute" -> b.identifiers().defaultRoute();
            default -> true;
          };
      if (include && !b.isGone()) {
        out.add(b);
      }
    }
    return out;
  }

  private Backend pickDestHost(String host) {
    Backend drainingMatch = null;
    for (Backend b : all) {
      if (!b.isGone() && b.identifiers().matchesHost(host)) {
        if (!b.isDraining()) {
          return b;
        }
        if (drainingMatch == null) {
          drainingMatch = b;
        }
      }
    }
    return drainingMatch;
  }

  /**
   * The event-loop thread of an agent drawn as the {@code default} strategy draws one, for a new
   * frontend connection to be served on (see {@link LoopAffinity}); null without agents.
   */
  Thread drawLoopThread() {
    Backend b = pickByAgent(candidates("default"), null);
    return b == null ? null : b.loopThread();
  }

  /**
   * A random agent (non-draining preferred; among those served by {@code preferredLoop} if any
   * are), and of that agent its oldest stream.
   */
  private static Backend pickByAgent(List<Backend> candidates, Thread preferredLoop) {
    if (candidates.isEmpty()) {
      return null;
    }
    Map<String, Backend> firstByAgent = new LinkedHashMap<>();
    Map<String, Backend> firstActive = new LinkedHashMap<>();
    for (Backend b : candidates) {
      firstByAgent.putIfAbsent(b.agentId(), b);
      if (!b.isDraining()) {
        firstActive.putIfAbsent(b.agentId(), b);
      }
    }
    List<Backend> choice =
        new ArrayList<>(firstActive.isEmpty() ? firstByAgent.values() : firstActive.values());
    if (preferredLoop != null) {
      List<Backend> local = new ArrayList<>();
      for (Backend b : choice) {
        if (b.loopThread() == preferredLoop) {
          local.add(b);
        }
      }
      if (!local.isEmpty()) {
        choice = local;
      }
    }
    return choice.get(ThreadLocalRandom.current().nextInt(choice.size()));
  }

  /** The host part of "host:port", without IPv6 brackets. */
  static String hostOf(String address) {
    String host = address;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close > 0 ? host.substring(1, close) : host;
    }
    int colon = host.lastIndexOf(':');
    if (colon >= 0 && host.indexOf(':') == colon) {
      host = host.substring(0, colon);
    }
    return host;
  }

  private void updateGauges() {
    metrics.readyBackendConnections.set(all.size());
    for (String s : List.of("default", "destHost", "defaultRoute")) {
      if (strategies.contains(s)) {
        metrics.readyBackends.labels(s).set(candidates(s).size());
      }
    }
  }
}
