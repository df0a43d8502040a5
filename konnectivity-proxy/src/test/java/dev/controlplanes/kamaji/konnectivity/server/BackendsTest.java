package dev.controlplanes.kamaji.konnectivity.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackendsTest {

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
