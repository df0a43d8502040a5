package dev.controlplanes.kamaji.storage.datastore;

import java.util.Objects;

/**
 * What one tenant gets on a DataStore: a database (etcd: a key prefix {@code /<schema>/}), a user
 * and that user's password (unused by etcd, whose tenants authenticate with a client certificate
 * whose CN is {@link #user()}).
 *
 * <p>Names are validated by each driver, which knows what it can quote; this record only refuses
 * nulls. {@link #toString()} never shows the password.
 */
public record TenantDatabase(String schema, String user, String password) {

  public TenantDatabase {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /** The same database and user with another password. */
  public TenantDatabase withPassword(String newPassword) {
    return new TenantDatabase(schema, user, newPassword);
  }

  @Override
  public String toString() {
    return "TenantDatabase[schema=" + schema + ", user=" + user + ", password=<redacted>]";
  }
}
