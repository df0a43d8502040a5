package dev.controlplanes.kamaji.storage.datastore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlQuotingTest {

  @Test
  void postgresIdentifiersDoubleTheirQuotes() {
    assertThat(SqlQuoting.postgresIdentifier("a\"; DROP TABLE x; --"))
        .isEqualTo("\"a\"\"; DROP TABLE x; --\"");
    assertThat(SqlQuoting.postgresIdentifier("Mixed Case")).isEqualTo("\"Mixed Case\"");
  }

  @Test
  void postgresIdentifiersAreLimitedTo63Bytes() {
    assertThat(SqlQuoting.postgresIdentifier("a".repeat(63))).hasSize(65);
    assertThatThrownBy(() -> SqlQuoting.postgresIdentifier("a".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("63 bytes");
    // 32 two-byte characters: 64 bytes.
    assertThatThrownBy(() -> SqlQuoting.postgresIdentifier("é".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void postgresLiteralsDoubleSingleQuotesAndKeepBackslashes() {
    assertThat(SqlQuoting.postgresLiteral("it's \\' ok")).isEqualTo("'it''s \\'' ok'");
  }

  @Test
  void mysqlNamesDoubleTheirBackticks() {
    assertThat(SqlQuoting.mysqlDatabase("a`; DROP DATABASE b; --"))
        .isEqualTo("`a``; DROP DATABASE b; --`");
    assertThat(SqlQuoting.mysqlAccount("u`'x")).isEqualTo("`u``'x`@'%'");
  }

  @Test
  void mysqlGrantsEscapeWildcards() {
    assertThat(SqlQuoting.mysqlGrantDatabase("a_b%")).isEqualTo("`a\\_b\\%`");
    assertThat(SqlQuoting.mysqlGrantPattern("a_b")).isEqualTo("a\\_b");
  }

  @Test
  void mysqlRefusesWhatItCannotStore() {
    assertThat(SqlQuoting.mysqlDatabase("d".repeat(64))).hasSize(66);
    assertThatThrownBy(() -> SqlQuoting.mysqlDatabase("d".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SqlQuoting.mysqlAccount("u".repeat(128))).startsWith("`u");
    assertThatThrownBy(() -> SqlQuoting.mysqlAccount("u".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SqlQuoting.mysqlDatabase("back\\slash"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SqlQuoting.mysqlDatabase("space "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SqlQuoting.mysqlDatabase("\uD83D\uDE00"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nulAndEmptyAreRefusedEverywhere() {
    assertThatThrownBy(() -> SqlQuoting.postgresIdentifier("a\0b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NUL");
    assertThatThrownBy(() -> SqlQuoting.postgresLiteral("a\0b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SqlQuoting.mysqlDatabase("a\0b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SqlQuoting.mysqlAccount("a\0b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SqlQuoting.postgresIdentifier(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SqlQuoting.mysqlDatabase(""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
