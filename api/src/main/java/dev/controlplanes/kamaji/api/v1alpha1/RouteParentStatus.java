package dev.controlplanes.kamaji.api.v1alpha1;

import io.kubernetes.client.openapi.models.V1Condition;
import java.util.List;
import java.util.Objects;

/** Gateway API RouteParentStatus. */
public final class RouteParentStatus {
  private ParentReference parentRef;
  private String controllerName;
  private List<V1Condition> conditions;

  public RouteParentStatus parentRef(ParentReference parentRef) {
    this.parentRef = parentRef;
    return this;
  }

  public ParentReference getParentRef() {
    return parentRef;
  }

  public void setParentRef(ParentReference parentRef) {
    this.parentRef = parentRef;
  }

  public RouteParentStatus controllerName(String controllerName) {
    this.controllerName = controllerName;
    return this;
  }

  public String getControllerName() {
    return controllerName;
  }

  public void setControllerName(String controllerName) {
    this.controllerName = controllerName;
  }

  public RouteParentStatus conditions(List<V1Condition> conditions) {
    this.conditions = conditions;
    return this;
  }

  public List<V1Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<V1Condition> conditions) {
    this.conditions = conditions;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    RouteParentStatus that = (RouteParentStatus) o;
    return Objects.equals(parentRef, that.parentRef)
        && Objects.equals(controllerName, that.controllerName)
        && Objects.equals(conditions, that.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(parentRef, controllerName, conditions);
  }

  @Override
  public String toString() {
    return "RouteParentStatus{parentRef="
        + parentRef
        + ", controllerName="
        + controllerName
        + ", conditions="
        + conditions
        + "}";
  }
}
