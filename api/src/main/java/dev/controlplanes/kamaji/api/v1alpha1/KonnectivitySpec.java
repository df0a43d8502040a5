package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** The konnectivity addon: a server sidecar and agents in the tenant. */
public final class KonnectivitySpec {
  private KonnectivityServerSpec server;
  private KonnectivityAgentSpec agent;

  public KonnectivitySpec server(KonnectivityServerSpec server) {
    this.server = server;
    return this;
  }

  public KonnectivityServerSpec getServer() {
    return server;
  }

  public void setServer(KonnectivityServerSpec server) {
    this.server = server;
  }

  public KonnectivitySpec agent(KonnectivityAgentSpec agent) {
    this.agent = agent;
    return this;
  }

  public KonnectivityAgentSpec getAgent() {
    return agent;
  }

  public void setAgent(KonnectivityAgentSpec agent) {
    this.agent = agent;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    KonnectivitySpec that = (KonnectivitySpec) o;
    return Objects.equals(server, that.server) && Objects.equals(agent, that.agent);
  }

  @Override
  public int hashCode() {
    return Objects.hash(server, agent);
  }

  @Override
  public String toString() {
    return "KonnectivitySpec{server=" + server + ", agent=" + agent + "}";
  }
}
