package dev.controlplanes.kamaji.storage.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** What the SQL migration tests compare and store. */
public final class MigrationFixtures {

  private MigrationFixtures() {}

  /**
   * Every row of {@code query} as one line of text; the query writes binary columns in hex, so that
   * equal lines mean equal bytes.
   */
  public static List<String> rows(Connection connection, String query) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        StringJoiner line = new StringJoiner(" | ");
        for (int i = 1; i <= columns; i++) {
          line.add(String.valueOf(rows.getString(i)));
        }
        lines.add(line.toString());
      }
    }
    return lines;
  }

  /** The 256 byte values, 0x00 to 0xff. */
  public static byte[] everyByte() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  /** A binary value that differs per {@code i} and starts and ends with 0x00 and 0xff. */
  public static byte[] binaryValue(int i) {
    return new byte[] {0, (byte) 0xff, (byte) i, (byte) (i >> 8), 0};
  }
}
