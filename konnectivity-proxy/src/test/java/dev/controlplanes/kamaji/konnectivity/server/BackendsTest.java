package dev.controlplanes.kamaji.konnectivity.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackendsTest {

  private final Thread loopA = new Thread("loop-a");
  private final Thread loopB = new Thread("loop-b");
  private final Backends backends = new Backends(List.of("default"), new ServerMetrics());

  @Test
  void aDialPrefersTheAgentsOfItsLoop() {
    agent("a1", loopA);
    agent("a2", loopA);
    agent("b1", loopB);

    assertThat(picks(loopA)).containsExactlyInAnyOrder("a1", "a2");
    assertThat(picks(loopB)).containsExactly("b1");
    assertThat(picks(null)).containsExactlyInAnyOrder("a1", "a2", "b1");
  }

  @Test
  void withoutAnAgentOnItsLoopADialDrawsAmongAll() {
    agent("b1", loopB);
    agent("b2", loopB);

    assertThat(picks(loopA)).containsExactlyInAnyOrder("b1", "b2");
  }

  @Test
  void connectionsPlacedByAffinityStillSpreadDialsEvenlyOverAgents() {
    // Three agents on one loop, one on the other: a connection lands on a loop by drawing an agent,
    // then its dial draws among that loop's agents. Each agent should still get a quarter.
    agent("a1", loopA);
    agent("a2", loopA);
    agent("a3", loopA);
    agent("b1", loopB);
    int rounds = 20_000;
    Map<String, Integer> dials = new HashMap<>();
    for (int i = 0; i < rounds; i++) {
      Thread home = backends.drawLoopThread();
      dials.merge(backends.pick("10.0.0.1:10250", home).agentId(), 1, Integer::sum);
    }

    assertThat(dials).containsOnlyKeys("a1", "a2", "a3", "b1");
    dials.values().forEach(n -> assertThat(n).isBetween(rounds * 22 / 100, rounds * 28 / 100));
  }

  @Test
  void onlyAConnectionsFirstDialHasAPreference() {
    LoopAffinity.Home home = new LoopAffinity.Home(loopA);

    assertThat(home.claimFirstDial()).isSameAs(loopA);
    assertThat(home.claimFirstDial()).isNull();
  }

  private void agent(String id, Thread loop) {
    backends.add(
        new Backend(
            id,
            AgentIdentifiers.parse(""),
            loop,
            null,
            n -> {},
            new ServerMetrics(),
            null,
            1 << 20,
            Duration.ofSeconds(1)));
  }

  private Set<String> picks(Thread preferredLoop) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      seen.add(backends.pick("10.0.0.1:10250", preferredLoop).agentId());
    }
    return seen;
  }

  @Test
  void hostOfStripsPortAndBrackets() {
    assertThat(Backends.hostOf("10.0.0.5:10250")).isEqualTo("10.0.0.5");
    assertThat(Backends.hostOf("[::1]:10250")).isEqualTo("::1");
    assertThat(Backends.hostOf("node-1:443")).isEqualTo("node-1");
    assertThat(Backends.hostOf("node-1")).isEqualTo("node-1");
  }

  @Test
  void identifiersParseLikeUpstream() {
    AgentIdentifiers ids =
        AgentIdentifiers.parse(
            "ipv4=10.0.0.5&host=node-1&default-route=true&cidr=10.0.0.0%2F8&x=y");
    assertThat(ids.ipv4()).containsExactly("10.0.0.5");
    assertThat(ids.hosts()).containsExactly("node-1");
    assertThat(ids.defaultRoute()).isTrue();
    assertThat(ids.matchesHost("node-1")).isTrue();
    assertThat(ids.matchesHost("10.0.0.6")).isFalse();
    assertThat(AgentIdentifiers.parse("").defaultRoute()).isFalse();
  }
}
