package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** The name of the generated route. */
public final class RouteRef {
  private String name;

  public RouteRef name(String name) {
    this.name = name;
    return this;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    RouteRef that = (RouteRef) o;
    return Objects.equals(name, that.name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name);
  }

  @Override
  public String toString() {
    return "RouteRef{name=" + name + "}";
  }
}
