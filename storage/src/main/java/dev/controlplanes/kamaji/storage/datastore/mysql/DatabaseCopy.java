package dev.controlplanes.kamaji.storage.datastore.mysql;

import static dev.controlplanes.kamaji.storage.datastore.sql.SqlQuoting.mysqlDatabase;
import static dev.controlplanes.kamaji.storage.datastore.sql.SqlQuoting.mysqlIdentifier;

import dev.controlplanes.kamaji.storage.datastore.sql.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Copies the base tables of one database from one server to another as a {@code mysqldump} import
 * would: each table is dropped on the target, created again from the source's {@code SHOW CREATE
 * TABLE} and filled with the source's rows, explicit ids included (InnoDB moves AUTO_INCREMENT past
 * them).
 */
final class DatabaseCopy {

  /** Rows fetched and inserted at a time. */
  static final int BATCH = 500;

  /** Read as bytes, so that binary values are not decoded as text on the way. */
  private static final Set<Integer> BINARY =
      Set.of(Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB);

  private DatabaseCopy() {}

  /** Copies every base table of {@code schema}, which must exist on both sides. */
  static void copy(String schema, Connection source, Connection sink) throws SQLException {
    // One snapshot of every table, as mysqldump --single-transaction takes.
    Jdbc.execute(source, "START TRANSACTION WITH CONSISTENT SNAPSHOT");
    // SHOW CREATE TABLE names the table without its database.
    sink.setCatalog(schema);
    // As a dump import: tables in any order despite foreign keys, and an explicit id 0 kept.
    Jdbc.execute(sink, "SET SESSION foreign_key_checks = 0");
    Jdbc.execute(
        sink,
        "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@sql_mode, ''), 'NO_AUTO_VALUE_ON_ZERO')");
    sink.setAutoCommit(false);
    for (String table : baseTables(source, schema)) {
      String name = mysqlIdentifier(table);
      String sourceName = mysqlDatabase(schema) + "." + name;
      Jdbc.execute(sink, "DROP TABLE IF EXISTS " + name);
      Jdbc.execute(sink, createStatement(source, sourceName));
      copyRows(source, sourceName, sink, name);
      sink.commit();
    }
  }

  private static List<String> baseTables(Connection source, String schema) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement query =
        source.prepareStatement(
            "SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'")) {
      query.setString(1, schema);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
    }
    return tables;
  }

  private static String createStatement(Connection source, String table) throws SQLException {
    try (Statement show = source.createStatement();
        ResultSet row = show.executeQuery("SHOW CREATE TABLE " + table)) {
      if (!row.next()) {
        throw new SQLException("SHOW CREATE TABLE returned nothing for " + table);
      }
      return row.getString(2);
    }
  }

  private static void copyRows(Connection source, String from, Connection sink, String to)
      throws SQLException {
    try {
      streamRows(source, from, sink, to);
    } catch (SQLException e) {
      throw Jdbc.withoutValues("copying the rows of " + from + " failed", e);
    }
  }

  private static void streamRows(Connection source, String from, Connection sink, String to)
      throws SQLException {
    try (Statement select = source.createStatement()) {
      // A fetch size makes the driver stream the rows instead of reading the whole table.
      select.setFetchSize(BATCH);
      try (ResultSet rows = select.executeQuery("SELECT * FROM " + from);
          PreparedStatement insert = sink.prepareStatement(insert(to, rows.getMetaData()))) {
        ResultSetMetaData columns = rows.getMetaData();
        int pending = 0;
        while (rows.next()) {
          for (int i = 1; i <= columns.getColumnCount(); i++) {
            boolean binary = BINARY.contains(columns.getColumnType(i));
            insert.setObject(i, binary ? rows.getBytes(i) : rows.getObject(i));
          }
          insert.addBatch();
          if (++pending == BATCH) {
            insert.executeBatch();
            pending = 0;
          }
        }
        if (pending > 0) {
          insert.executeBatch();
        }
      }
    }
  }

  private static String insert(String table, ResultSetMetaData columns) throws SQLException {
    StringJoiner names = new StringJoiner(", ", " (", ")");
    StringJoiner values = new StringJoiner(", ", " VALUES (", ")");
    for (int i = 1; i <= columns.getColumnCount(); i++) {
      names.add(mysqlIdentifier(columns.getColumnName(i)));
      values.add("?");
    }
    return "INSERT INTO " + table + names + values;
  }
}
