package dev.controlplanes.kamaji.storage.datastore.sql;

import java.nio.charset.StandardCharsets;

/**
 * The one place where names and literals are put into SQL text. Anything that cannot be quoted
 * safely is refused with an {@link IllegalArgumentException} before a statement is built.
 *
 * <p>Passwords are not quoted here: MySQL takes them as bind parameters, and PostgreSQL (which
 * accepts no parameters in utility statements such as {@code ALTER ROLE}) gets a SCRAM verifier
 * computed on the client, made of base64 and {@code $:} only, as a {@link #postgresLiteral}.
 */
public final class SqlQuoting {

  /** PostgreSQL truncates names to NAMEDATALEN - 1 = 63 bytes; we refuse instead. */
  public static final int POSTGRES_MAX_NAME_BYTES = 63;

  /** MySQL and MariaDB database names: at most 64 characters. */
  public static final int MYSQL_MAX_DATABASE_CHARS = 64;

  /** MySQL and MariaDB table and column names: at most 64 characters. */
  public static final int MYSQL_MAX_IDENTIFIER_CHARS = 64;

  /**
   * MariaDB user names: at most 128 characters (measured on MariaDB 10.11, whose {@code
   * mysql.global_priv.User} is {@code char(128)}; MySQL 8 allows 32 and refuses longer names
   * itself).
   */
  public static final int MARIADB_MAX_USER_CHARS = 128;

  private SqlQuoting() {}

  /** A PostgreSQL identifier in double quotes, inner double quotes doubled. */
  public static String postgresIdentifier(String name) {
    requireUsable(name);
    if (name.getBytes(StandardCharsets.UTF_8).length > POSTGRES_MAX_NAME_BYTES) {
      throw new IllegalArgumentException(
          "name longer than " + POSTGRES_MAX_NAME_BYTES + " bytes: PostgreSQL would truncate it");
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /**
   * A PostgreSQL string literal in single quotes, inner single quotes doubled. Correct only when
   * {@code standard_conforming_strings} is on (the default since PostgreSQL 9.1), so that a
   * backslash is an ordinary character; the PostgreSQL driver checks that on every connection.
   */
  public static String postgresLiteral(String value) {
    requireNoNul(value, "value");
    return '\'' + value.replace("'", "''") + '\'';
  }

  /** A MySQL/MariaDB database name in backticks, inner backticks doubled. */
  public static String mysqlDatabase(String name) {
    requireMysqlName(name, MYSQL_MAX_DATABASE_CHARS);
    if (name.indexOf('\\') >= 0) {
      // In GRANT the database name is a pattern where a backslash escapes; refusing it keeps the
      // name and the pattern unambiguous.
      throw new IllegalArgumentException("database name with a backslash");
    }
    return mysqlBackticks(name);
  }

  /**
   * The database of {@code GRANT ... ON <db>.*}: there, {@code _} and {@code %} are wildcards, so a
   * grant on {@code a_b} would also open {@code axb}. They are escaped with a backslash, which
   * backticks pass through unchanged.
   */
  public static String mysqlGrantDatabase(String name) {
    mysqlDatabase(name);
    return mysqlBackticks(mysqlGrantPattern(name));
  }

  /** The value MySQL stores in {@code mysql.db.Db} for a grant on database {@code name}. */
  public static String mysqlGrantPattern(String name) {
    return name.replace("_", "\\_").replace("%", "\\%");
  }

  /** A MySQL/MariaDB table or column name in backticks, inner backticks doubled. */
  public static String mysqlIdentifier(String name) {
    requireMysqlName(name, MYSQL_MAX_IDENTIFIER_CHARS);
    return mysqlBackticks(name);
  }

  /** A MySQL/MariaDB account {@code `user`@'%'}, any host. */
  public static String mysqlAccount(String user) {
    requireMysqlName(user, MARIADB_MAX_USER_CHARS);
    return mysqlBackticks(user) + "@'%'";
  }

  private static String mysqlBackticks(String name) {
    return '`' + name.replace("`", "``") + '`';
  }

  private static void requireMysqlName(String name, int maxChars) {
    requireUsable(name);
    if (name.codePointCount(0, name.length()) > maxChars) {
      throw new IllegalArgumentException("name longer than " + maxChars + " characters");
    }
    if (name.codePoints().anyMatch(c -> c > 0xFFFF)) {
      throw new IllegalArgumentException("MySQL names cannot hold characters beyond U+FFFF");
    }
    if (name.endsWith(" ")) {
      throw new IllegalArgumentException("MySQL names cannot end with a space");
    }
  }

  private static void requireUsable(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty name");
    }
    requireNoNul(name, "name");
  }

  /** Refuses NUL, which neither server accepts in names or passwords. */
  public static void requireNoNul(String value, String what) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(what + " contains a NUL character");
    }
  }
}
