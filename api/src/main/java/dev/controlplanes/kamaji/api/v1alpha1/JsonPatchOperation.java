package dev.controlplanes.kamaji.api.v1alpha1;

import com.google.gson.JsonElement;
import java.util.Objects;

/** One RFC 6902 operation applied to the generated KubeletConfiguration. */
public final class JsonPatchOperation {
  private String op;
  private String path;
  private String from;
  private JsonElement value;

  public JsonPatchOperation op(String op) {
    this.op = op;
    return this;
  }

  public String getOp() {
    return op;
  }

  public void setOp(String op) {
    this.op = op;
  }

  public JsonPatchOperation path(String path) {
    this.path = path;
    return this;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public JsonPatchOperation from(String from) {
    this.from = from;
    return this;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public JsonPatchOperation value(JsonElement value) {
    this.value = value;
    return this;
  }

  public JsonElement getValue() {
    return value;
  }

  public void setValue(JsonElement value) {
    this.value = value;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    JsonPatchOperation that = (JsonPatchOperation) o;
    return Objects.equals(op, that.op)
        && Objects.equals(path, that.path)
        && Objects.equals(from, that.from)
        && Objects.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(op, path, from, value);
  }

  @Override
  public String toString() {
    return "JsonPatchOperation{op="
        + op
        + ", path="
        + path
        + ", from="
        + from
        + ", value="
        + value
        + "}";
  }
}
