package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Map;
import java.util.Objects;

/** Labels and annotations added to a generated object. */
public final class AdditionalMetadata {
  private Map<String, String> labels;
  private Map<String, String> annotations;

  public AdditionalMetadata labels(Map<String, String> labels) {
    this.labels = labels;
    return this;
  }

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public AdditionalMetadata annotations(Map<String, String> annotations) {
    this.annotations = annotations;
    return this;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    AdditionalMetadata that = (AdditionalMetadata) o;
    return Objects.equals(labels, that.labels) && Objects.equals(annotations, that.annotations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(labels, annotations);
  }

  @Override
  public String toString() {
    return "AdditionalMetadata{labels=" + labels + ", annotations=" + annotations + "}";
  }
}
