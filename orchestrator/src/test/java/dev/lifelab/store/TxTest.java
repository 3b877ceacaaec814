package dev.lifelab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TxTest {
  @TempDir Path tmp;

  @Test
  void busySqliteIsRetriedUntilTheOtherWriterCommits() throws Exception {
    String url = "jdbc:sqlite:" + tmp.resolve("busy.db");
    try (Connection holder = Dialect.SQLITE.connect(url);
        // No busy timeout: every collision surfaces as SQLITE_BUSY and must be retried by Tx.
        Connection writer = DriverManager.getConnection(url)) {
      Dialect.exec(holder, "CREATE TABLE t (v INTEGER)");
      Dialect.exec(holder, "BEGIN IMMEDIATE");
      Dialect.exec(holder, "INSERT INTO t VALUES (1)");

      SQLException busy = null;
      try {
        Dialect.exec(writer, "BEGIN IMMEDIATE");
      } catch (SQLException e) {
        busy = e;
      }
      assertThat((Object) busy).as("second writer sees the lock").isNotNull();
      assertThat(Dialect.SQLITE.isRetryable(busy)).isTrue();

      CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
        try {
          Thread.sleep(400);
          Dialect.exec(holder, "COMMIT");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      int rows = Tx.run(writer, Dialect.SQLITE, "insert", c -> {
        Dialect.exec(c, "INSERT INTO t VALUES (2)");
        return count(c);
      });
      release.join();
      assertThat(rows).isEqualTo(2);
    }
  }

  @Test
  void otherErrorsAreNotRetriedAndRollBack() throws Exception {
    String url = "jdbc:sqlite:" + tmp.resolve("err.db");
    try (Connection c = Dialect.SQLITE.connect(url)) {
      Dialect.exec(c, "CREATE TABLE t (v INTEGER NOT NULL)");
      assertThatThrownBy(() -> Tx.run(c, Dialect.SQLITE, "bad", conn -> {
        Dialect.exec(conn, "INSERT INTO t VALUES (1)");
        Dialect.exec(conn, "INSERT INTO t VALUES (NULL)");
        return null;
      })).isInstanceOf(SQLException.class).hasMessageContaining("NOT NULL");
      assertThat(count(c)).isZero();
      assertThat(Dialect.SQLITE.isRetryable(new SQLException("constraint", "23000", 19))).isFalse();
      assertThat(Dialect.POSTGRES.isRetryable(new SQLException("x", "40001"))).isTrue();
      assertThat(Dialect.POSTGRES.isRetryable(new SQLException("x", "23505"))).isFalse();
    }
  }

  private static int count(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
