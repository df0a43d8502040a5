package dev.controlplanes.kamaji.storage.datastore.postgres;

import dev.controlplanes.kamaji.storage.datastore.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/** kine's table on PostgreSQL, as kine v0.17.5 creates it, and how to copy its rows. */
final class KineTable {

  /** Creates the table and its indexes where they are missing. */
  static final List<String> CREATE =
      List.of(
          "CREATE TABLE IF NOT EXISTS public.kine (id BIGSERIAL PRIMARY KEY,"
              + " name text COLLATE \"C\", created INTEGER, deleted INTEGER,"
              + " create_revision BIGINT, prev_revision BIGINT, lease INTEGER,"
              + " value bytea, old_value bytea)",
          "CREATE INDEX IF NOT EXISTS kine_name_index ON public.kine (name)",
          "CREATE INDEX IF NOT EXISTS kine_name_id_index ON public.kine (name, id)",
          "CREATE INDEX IF NOT EXISTS kine_id_deleted_index ON public.kine (id, deleted)",
          "CREATE INDEX IF NOT EXISTS kine_prev_revision_index ON public.kine (prev_revision)",
          "CREATE UNIQUE INDEX IF NOT EXISTS kine_name_prev_revision_uindex"
              + " ON public.kine (name, prev_revision)",
          "CREATE INDEX IF NOT EXISTS kine_list_query_index"
              + " ON public.kine (name, id DESC, deleted)");

  /**
   * The columns by name, so that the column order of either table does not matter. The text format
   * (bytea as hex) also accepts the narrower column types of older kine versions, which the binary
   * format would not.
   */
  private static final String COLUMNS =
      "public.kine (id, name, created, deleted, create_revision, prev_revision, lease, value,"
          + " old_value)";

  private KineTable() {}

  /**
   * Streams every row of {@code source}'s table into {@code sink}'s, one row in memory at a time.
   * After a failure the callers close both connections, which abandons a copy still under way.
   */
  static void copy(Connection source, Connection sink) throws SQLException {
    try {
      CopyOut out = source.unwrap(PGConnection.class).getCopyAPI().copyOut(copy("TO STDOUT"));
      CopyIn in = sink.unwrap(PGConnection.class).getCopyAPI().copyIn(copy("FROM STDIN"));
      for (byte[] row = out.readFromCopy(); row != null; row = out.readFromCopy()) {
        in.writeToCopy(row, 0, row.length);
      }
      in.endCopy();
    } catch (SQLException e) {
      throw Jdbc.withoutValues("copying the rows of kine failed", e);
    }
  }

  private static String copy(String direction) {
    return "COPY " + COLUMNS + " " + direction;
  }
}
