package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** User name and password of a SQL or NATS DataStore. */
public final class BasicAuth {
  private ContentRef username;
  private ContentRef password;

  public BasicAuth username(ContentRef username) {
    this.username = username;
    return this;
  }

  public ContentRef getUsername() {
    return username;
  }

  public void setUsername(ContentRef username) {
    this.username = username;
  }

  public BasicAuth password(ContentRef password) {
    this.password = password;
    return this;
  }

  public ContentRef getPassword() {
    return password;
  }

  public void setPassword(ContentRef password) {
    this.password = password;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    BasicAuth that = (BasicAuth) o;
    return Objects.equals(username, that.username) && Objects.equals(password, that.password);
  }

  @Override
  public int hashCode() {
    return Objects.hash(username, password);
  }

  @Override
  public String toString() {
    return "BasicAuth{username=" + username + ", password=" + password + "}";
  }
}
